package dev.cogalign.agentllm;

import dev.cogalign.crv.cot.Boxed;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The programmatic answer check: the final answer of a CoT and whether two answers are the same.
 *
 * <p>Interim: {@code \boxed{}} or a GSM8K {@code ####} line, compared as exact strings. To be
 * switched to crv-core's {@code AnswerExtractor.extract} and {@code AnswerEquivalence.equivalent}
 * when they land; nothing else in this module extracts or compares answers.
 */
final class AnswerCheck {
  private static final Pattern GSM8K_FINAL = Pattern.compile("(?m)^\\s*####\\s*(.+?)\\s*$");

  private AnswerCheck() {}

  /** The CoT's final answer, empty when it states none. */
  static Optional<String> extract(String cot) {
    Optional<String> boxed = Boxed.last(cot);
    if (boxed.isPresent()) {
      return boxed;
    }
    Matcher m = GSM8K_FINAL.matcher(cot);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    return Optional.ofNullable(last);
  }

  /** Whether two answers are the same. */
  static boolean equivalent(String answer, String gold) {
    return answer.strip().equals(gold.strip());
  }
}
