package dev.cogalign.crv.cot;

import java.util.List;
import java.util.Objects;

/**
 * A parsed chain of thought.
 *
 * @param steps the steps, one per line
 * @param finalAnswer the answer after {@code ####} (or, when there is none, of the last {@code
 *     \boxed{}} in the steps), null when the CoT states none
 * @param think the text inside {@code <think>...</think>}, null when none
 */
public record Cot(List<CotStep> steps, String finalAnswer, String think) {

  public Cot {
    steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    if (finalAnswer == null) {
      for (int i = steps.size() - 1; i >= 0 && finalAnswer == null; i--) {
        finalAnswer = Boxed.last(steps.get(i).text()).orElse(null);
      }
    }
    finalAnswer = normalizedAnswer(finalAnswer);
    if (think != null) {
      think = think.strip();
      if (think.contains(CotParser.THINK_CLOSE) || think.contains(CotParser.THINK_OPEN)) {
        throw new IllegalArgumentException("think text cannot hold think markers");
      }
      if (think.isEmpty()) {
        think = null;
      }
    }
  }

  /** The answer with its white space runs made one space, stripped; null when nothing is left. */
  static String normalizedAnswer(String answer) {
    if (answer == null) {
      return null;
    }
    String normalized = answer.replaceAll("\\s+", " ").strip();
    return normalized.isEmpty() ? null : normalized;
  }

  /** A CoT of plain lines and a final answer, without think text. */
  public static Cot of(List<String> lines, String finalAnswer) {
    return new Cot(lines.stream().map(CotStep::of).toList(), finalAnswer, null);
  }

  /** Every annotation of every step, in order. */
  public List<Annotation> annotations() {
    return steps.stream().flatMap(s -> s.annotations().stream()).toList();
  }

  /** This CoT with other steps, the answer and think text kept. */
  public Cot withSteps(List<CotStep> newSteps) {
    return new Cot(newSteps, finalAnswer, think);
  }

  /** This CoT with another final answer. */
  public Cot withFinalAnswer(String answer) {
    return new Cot(steps, answer, think);
  }
}
