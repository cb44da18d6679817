package dev.cogalign.agentllm;

import dev.cogalign.crv.answer.AnswerEquivalence;
import dev.cogalign.crv.answer.AnswerExtractor;
import java.util.Optional;

/**
 * The programmatic answer check, crv-core's: the final answer of free-form model output ({@link
 * AnswerExtractor}) and whether two answers are equivalent ({@link AnswerEquivalence}).
 */
final class AnswerCheck {
  private AnswerCheck() {}

  /** The CoT's final answer as written, empty when it states none. */
  static Optional<String> extract(String cot) {
    return AnswerExtractor.extract(cot).map(String::strip).filter(a -> !a.isEmpty());
  }

  /** Whether two answers are the same value (integers, decimals, fractions, LaTeX, …). */
  static boolean equivalent(String answer, String gold) {
    return AnswerEquivalence.equivalent(answer, gold);
  }
}
