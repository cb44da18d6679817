package dev.cogalign.crv.rules;

import dev.cogalign.crv.arith.Rational;
import dev.cogalign.crv.cot.Annotation;
import dev.cogalign.crv.cot.AnnotationCheck;
import dev.cogalign.crv.cot.Cot;
import dev.cogalign.crv.cot.CotStep;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the rules agents measure of one step.
 *
 * @param number 1-based step number
 * @param step the step
 * @param checks the exact recomputation of each annotation
 * @param operations arithmetic operations across its annotations
 * @param maxOperandDigits digits of its largest operand
 * @param trivial the step computes nothing: its annotations have no operation ({@code <<7=7>>}) or
 *     only an identity ({@code ×1}, {@code +0}), or it is a restatement
 * @param restatement the step only repeats known numbers (of the question or earlier steps): a line
 *     without annotation whose every number is known, or a trivial annotation copying a known value
 */
public record StepMetrics(
    int number,
    CotStep step,
    List<AnnotationCheck> checks,
    int operations,
    int maxOperandDigits,
    boolean trivial,
    boolean restatement) {

  /** A calculation or equation written in prose: an equals sign or an operator. */
  private static final Pattern CALCULATION =
      Pattern.compile("[=+*/×÷^−]|\\s-\\s|\\d\\s*[x]\\s*\\d");

  public StepMetrics {
    checks = List.copyOf(checks);
  }

  /** Measures every step of the CoT; numbers of the question count as known. */
  public static List<StepMetrics> of(Cot cot, String question) {
    Set<Rational> known = new HashSet<>(StepText.numbers(question == null ? "" : question));
    List<StepMetrics> out = new ArrayList<>();
    int n = 0;
    for (CotStep step : cot.steps()) {
      n++;
      List<AnnotationCheck> checks = step.annotations().stream().map(Annotation::check).toList();
      int ops = checks.stream().mapToInt(AnnotationCheck::operations).sum();
      int digits = checks.stream().mapToInt(AnnotationCheck::maxOperandDigits).max().orElse(0);
      List<Rational> numbers = StepText.numbers(step.text());
      boolean computesNothing =
          !checks.isEmpty()
              && checks.stream().allMatch(c -> c.computed() != null && c.operations() == 0);
      boolean restatement =
          step.annotations().isEmpty()
              ? !numbers.isEmpty()
                  && known.containsAll(numbers)
                  && !CALCULATION.matcher(step.text()).find()
              : computesNothing && checks.stream().allMatch(c -> known.contains(c.computed()));
      boolean trivial = restatement || computesNothing;
      out.add(new StepMetrics(n, step, checks, ops, digits, trivial, restatement));
      known.addAll(numbers);
      for (AnnotationCheck c : checks) {
        if (c.computed() != null) {
          known.add(c.computed());
        }
        Rational written = Rational.tryParse(c.annotation().value());
        if (written != null) {
          known.add(written);
        }
      }
    }
    return out;
  }

  /** Whether every annotation of the step holds. */
  public boolean annotationsHold() {
    return checks.stream().allMatch(AnnotationCheck::holds);
  }
}
