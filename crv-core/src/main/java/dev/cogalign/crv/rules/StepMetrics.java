package dev.cogalign.crv.rules;

import dev.cogalign.crv.arith.Expr;
import dev.cogalign.crv.arith.Rational;
import dev.cogalign.crv.cot.Annotation;
import dev.cogalign.crv.cot.AnnotationCheck;
import dev.cogalign.crv.cot.Cot;
import dev.cogalign.crv.cot.CotStep;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
              && checks.stream()
                  .allMatch(c -> c.computed() != null && (c.operations() == 0 || isIdentity(c)));
      boolean restatement =
          step.annotations().isEmpty()
              ? !numbers.isEmpty() && known.containsAll(numbers)
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

  /** An operation that returns one of its operands unchanged: x*1, 1*x, x/1, x+0, 0+x, x-0. */
  private static boolean isIdentity(AnnotationCheck c) {
    if (c.operations() != 1) {
      return false;
    }
    Expr root = c.annotation().parsedExpression().root();
    if (!(root instanceof Expr.Binary b)) {
      return false;
    }
    Rational l = b.left().evaluate();
    Rational r = b.right().evaluate();
    return switch (b.op()) {
      case '*' -> l.equals(Rational.ONE) || r.equals(Rational.ONE);
      case '/' -> r.equals(Rational.ONE);
      case '+' -> l.signum() == 0 || r.signum() == 0;
      case '-' -> r.signum() == 0;
      default -> r.equals(Rational.ONE);
    };
  }

  /** Whether every annotation of the step holds. */
  public boolean annotationsHold() {
    return checks.stream().allMatch(AnnotationCheck::holds);
  }
}
