package dev.cogalign.crv.problem;

import dev.cogalign.crv.cot.Boxed;
import java.util.Map;

/**
 * Reads one submitted row in any of the three accepted forms:
 *
 * <ul>
 *   <li>GSM8K: {@code {question, answer}}, the CoT and the final {@code #### answer} in one field;
 *   <li>generic: {@code {question, answer, cot}};
 *   <li>MATH: {@code {problem|question, solution}}, the answer in the solution's last {@code
 *       \boxed{}} (or an explicit {@code answer}).
 * </ul>
 *
 * Optional fields: {@code id} (external id) and {@code domain}.
 */
public final class ProblemForms {
  private static final String GSM8K_MARKER = "####";

  private ProblemForms() {}

  /** Parses a row; throws {@link IllegalArgumentException} saying what is wrong with it. */
  public static ProblemInput parse(Map<String, ?> row) {
    String id = text(row, "id");
    String question = text(row, "question");
    if (question == null) {
      question = text(row, "problem");
    }
    String answer = text(row, "answer");
    String cot = text(row, "cot");
    String solution = text(row, "solution");
    String domain = text(row, "domain");
    if (question == null) {
      throw new IllegalArgumentException("question is missing (expected 'question' or 'problem')");
    }
    if (solution != null) {
      String boxed = Boxed.last(solution).orElse(null);
      String gold = answer != null ? answer : boxed;
      if (gold == null) {
        throw new IllegalArgumentException(
            "solution has no \\boxed{} answer and no 'answer' given");
      }
      return new ProblemInput(id, question, gold, solution, domain == null ? "math" : domain);
    }
    if (answer == null) {
      throw new IllegalArgumentException("answer is missing");
    }
    if (cot == null && answer.contains(GSM8K_MARKER)) {
      int marker = answer.lastIndexOf(GSM8K_MARKER);
      String steps = answer.substring(0, marker).strip();
      String gold = answer.substring(marker + GSM8K_MARKER.length()).strip();
      if (gold.isEmpty()) {
        throw new IllegalArgumentException("nothing follows '####' in answer");
      }
      return new ProblemInput(
          id,
          question,
          gold,
          steps.isEmpty() ? null : steps,
          domain == null ? "arithmetic" : domain);
    }
    return new ProblemInput(id, question, answer, cot, domain);
  }

  private static String text(Map<String, ?> row, String field) {
    Object value = row.get(field);
    if (value == null) {
      return null;
    }
    if (value instanceof Map || value instanceof Iterable) {
      throw new IllegalArgumentException("'" + field + "' must be a string or number");
    }
    String text = value.toString();
    return text.isBlank() ? null : text;
  }
}
