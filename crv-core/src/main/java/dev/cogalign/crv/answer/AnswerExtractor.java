package dev.cogalign.crv.answer;

import dev.cogalign.crv.cot.Annotation;
import dev.cogalign.crv.cot.Boxed;
import dev.cogalign.crv.cot.CotParser;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the final answer in free-form model output, R1 traces included. The text after {@code
 * </think>} is searched first, then the thinking; within each, in this order: the last {@code
 * \boxed{}}, a {@code #### answer} line, the last "final answer is …" / "the answer is …" /
 * "Answer: …", the result of the last step's calculator annotation, the last number standing alone
 * (not an ordinal such as {@code 3rd}). Boxed placeholders quoted from a prompt ({@code
 * \boxed{ANSWER}}) are skipped.
 */
public final class AnswerExtractor {
  private static final Pattern GSM8K = Pattern.compile("(?m)^\\s*####\\s*(.+?)\\s*$");
  private static final Pattern STATED =
      Pattern.compile(
          "(?i)(?:final\\s+answer|the\\s+answer|answer)\\s*(?:is|:|=|would\\s+be|will\\s+be)\\s*:?\\s*(.+)");

  /** A number standing alone: not part of a word or an ordinal ({@code 3rd}, {@code x2}). */
  private static final Pattern NUMBER =
      Pattern.compile(
          "(?<![\\w.])(?:-?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:/\\d+)?|-?\\.\\d+)(?![\\w])");

  /** Boxed contents that quote a prompt's template rather than answer ({@code \boxed{ANSWER}}). */
  private static final Set<String> PLACEHOLDERS =
      Set.of("", "answer", "your answer", "final answer", "...", "\\ldots", "\\dots");

  private AnswerExtractor() {}

  /** The answer as written (not normalized), or empty when the text holds none. */
  public static Optional<String> extract(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String content = text;
    String thinking = null;
    int close = text.lastIndexOf(CotParser.THINK_CLOSE);
    if (close >= 0) {
      content = text.substring(close + CotParser.THINK_CLOSE.length());
      thinking = text.substring(0, close).replace(CotParser.THINK_OPEN, "");
    } else if (text.contains(CotParser.THINK_OPEN)) {
      int open = text.indexOf(CotParser.THINK_OPEN);
      content = text.substring(0, open);
      thinking = text.substring(open + CotParser.THINK_OPEN.length());
    }
    for (String region : new String[] {content, thinking}) {
      if (region != null && !region.isBlank()) {
        Optional<String> found = fromRegion(region);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> fromRegion(String region) {
    List<String> boxed = Boxed.all(region);
    for (int i = boxed.size() - 1; i >= 0; i--) {
      if (!PLACEHOLDERS.contains(boxed.get(i).toLowerCase(Locale.ROOT))) {
        return Optional.of(boxed.get(i));
      }
    }
    String last = null;
    Matcher gsm = GSM8K.matcher(region);
    while (gsm.find()) {
      last = gsm.group(1);
    }
    if (last != null) {
      return Optional.of(last);
    }
    String stated = stated(region);
    if (stated != null) {
      return Optional.of(stated);
    }
    List<String> lines = region.strip().lines().filter(l -> !l.isBlank()).toList();
    if (!lines.isEmpty()) {
      String lastLine = lines.get(lines.size() - 1);
      List<Annotation> annotations = Annotation.findIn(lastLine);
      if (!annotations.isEmpty()) {
        return Optional.of(annotations.get(annotations.size() - 1).value());
      }
    }
    String plain = Annotation.strip(region);
    Matcher number = NUMBER.matcher(plain);
    String lastNumber = null;
    while (number.find()) {
      lastNumber = number.group();
    }
    return Optional.ofNullable(lastNumber);
  }

  private static String stated(String region) {
    Matcher m = STATED.matcher(region);
    String found = null;
    while (m.find()) {
      String candidate = sentence(m.group(1));
      if (!candidate.isEmpty()) {
        found = candidate;
      }
    }
    return found;
  }

  /** The answer phrase up to the end of its sentence, delimiters and a trailing period removed. */
  private static String sentence(String rest) {
    String s = rest.strip();
    int end = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean sentenceEnd =
          c == '.'
              && (i + 1 == s.length() || Character.isWhitespace(s.charAt(i + 1)))
              && !(i > 0
                  && Character.isDigit(s.charAt(i - 1))
                  && i + 1 < s.length()
                  && Character.isDigit(s.charAt(i + 1)));
      if (c == '\n' || sentenceEnd) {
        end = i;
        break;
      }
    }
    s = s.substring(0, end).strip();
    s = s.replaceAll("^\\*+|\\*+$", "").strip();
    if (s.startsWith("$") && s.endsWith("$") && s.length() > 1) {
      s = s.substring(1, s.length() - 1).strip();
    }
    return s;
  }
}
