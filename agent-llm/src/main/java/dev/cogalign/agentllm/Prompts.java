package dev.cogalign.agentllm;

import dev.cogalign.crv.agent.StudentProfile;
import dev.cogalign.crv.cot.CotParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agents' prompts, read from {@code dev/cogalign/agentllm/prompts/*.txt}. Placeholders are
 * {@code {{name}}}, replaced in one pass, so a CoT's own braces ({@code \boxed{72}}) stay as they
 * are and a value is never expanded again.
 */
final class Prompts {
  private static final String ROOT = "/dev/cogalign/agentllm/prompts/";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

  private Prompts() {}

  /** A prompt file's text. */
  static String load(String name) {
    try (InputStream in = Prompts.class.getResourceAsStream(ROOT + name + ".txt")) {
      if (in == null) {
        throw new IllegalStateException("prompt " + name + " is missing from " + ROOT);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prompt " + name, e);
    }
  }

  /** The template with every placeholder replaced; an unknown placeholder fails naming it. */
  static String render(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException(
            "prompt placeholder {{" + m.group(1) + "}} has no value; known: " + values.keySet());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The student profile's placeholders plus the given ones. */
  static Map<String, String> withProfile(StudentProfile profile, Map<String, String> values) {
    Map<String, String> all = new HashMap<>(values);
    all.put("maxOperationsPerStep", Integer.toString(profile.maxOperationsPerStep()));
    all.put("maxOperandDigits", Integer.toString(profile.maxOperandDigits()));
    all.put("minSteps", Integer.toString(profile.minSteps()));
    all.put("maxSteps", Integer.toString(profile.maxSteps()));
    return all;
  }

  /**
   * The CoT one step per non-empty line, each numbered {@code [n]} from 1; a GSM8K {@code ####}
   * answer line is shown unnumbered, so that for CoTs without a think block the numbers are those
   * of crv-core's {@code CotParser} (and of the rules agents' findings).
   */
  static String numberedSteps(String cot) {
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (String line : cot.strip().split("\\R")) {
      String step = line.strip();
      if (step.startsWith(CotParser.ANSWER_MARKER)) {
        out.append(step).append('\n');
      } else if (!step.isEmpty()) {
        out.append('[').append(++n).append("] ").append(step).append('\n');
      }
    }
    return out.toString().stripTrailing();
  }
}
