package dev.cogalign.crv.rules;

import dev.cogalign.crv.agent.AgentException;
import dev.cogalign.crv.agent.NothingToRewriteException;
import dev.cogalign.crv.agent.StudentProfile;
import dev.cogalign.crv.arith.ArithmeticExpression;
import dev.cogalign.crv.arith.Expr;
import dev.cogalign.crv.arith.Rational;
import dev.cogalign.crv.cot.Annotation;
import dev.cogalign.crv.cot.AnnotationCheck;
import dev.cogalign.crv.cot.Cot;
import dev.cogalign.crv.cot.CotStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Extends a too-terse CoT: every annotated step doing more operations than the student handles is
 * split into single-operation steps, each with its exact intermediate result, the original step
 * keeping its text and its last operation; a CoT still shorter than the student's minimum gets a
 * concluding step stating the answer. When the result is too long or has too many trivial steps for
 * the student, its restatements are dropped as {@link Simplifier} does.
 */
final class Extender {
  private Extender() {}

  static Cot extend(Cot cot, String question, StudentProfile profile, String answer) {
    List<CotStep> out = new ArrayList<>();
    Map<String, Rational> computed = new HashMap<>();
    boolean changed = false;
    for (CotStep step : cot.steps()) {
      if (step.annotations().size() == 1
          && step.operationCount() > profile.maxOperationsPerStep()) {
        List<CotStep> split = split(step, computed);
        changed |= !split.equals(List.of(step));
        out.addAll(split);
      } else {
        out.add(step);
      }
      remember(out.get(out.size() - 1), computed);
    }
    if (out.size() < profile.minSteps() && answer != null) {
      out.add(CotStep.of("So the answer is " + answer + "."));
      changed = true;
    }
    if (!changed) {
      throw new NothingToRewriteException(
          "nothing to extend: no step does more than "
              + profile.maxOperationsPerStep()
              + " operation(s) in a splittable annotation, and the CoT has "
              + out.size()
              + " steps");
    }
    Cot extended = cot.withSteps(out);
    if (tooLongOrTrivial(extended, question, profile)) {
      try {
        return Simplifier.simplify(extended, question, profile);
      } catch (AgentException nothingToDrop) {
        return extended;
      }
    }
    return extended;
  }

  /** Whether the critic would find the extended CoT too long or too trivial. */
  private static boolean tooLongOrTrivial(Cot cot, String question, StudentProfile profile) {
    List<StepMetrics> metrics = StepMetrics.of(cot, question);
    long trivial = metrics.stream().filter(StepMetrics::trivial).count();
    return metrics.size() > profile.maxSteps() || trivial > RuleCritic.DEFAULT_MAX_TRIVIAL_STEPS;
  }

  /** Records the single-operation results of a step so that later splits can reuse them. */
  private static void remember(CotStep step, Map<String, Rational> computed) {
    for (Annotation a : step.annotations()) {
      AnnotationCheck check = a.check();
      if (check.status() == AnnotationCheck.Status.EXACT && check.operations() == 1) {
        computed.putIfAbsent(a.parsedExpression().root().render(), check.computed());
      }
    }
  }

  /**
   * The step as single-operation steps, or the step alone when it cannot be split. Operations
   * already computed earlier ({@code computed}) are reused rather than repeated; identities ({@code
   * ×1}, {@code +0}) are folded without a step of their own.
   */
  static List<CotStep> split(CotStep step, Map<String, Rational> computed) {
    Annotation annotation = step.annotations().get(0);
    Expr original;
    try {
      ArithmeticExpression e = ArithmeticExpression.parse(annotation.expression());
      e.evaluate();
      original = e.root();
    } catch (IllegalArgumentException | ArithmeticException e) {
      return List.of(step);
    }
    List<CotStep> out = new ArrayList<>();
    Expr last = reduce(regroup(original), true, out, computed);
    if (last.render().equals(original.render())) {
      return List.of(step);
    }
    Annotation replacement = new Annotation(last.render(), annotation.value());
    out.add(
        CotStep.of(
            StepText.replaceAnnotation(
                step.text(), annotation, replacement, StepText.visible(last))));
    return out;
  }

  /**
   * Reduces every operation on two numbers to its result, writing a step for each, except the
   * root's; an operation whose result has no finite decimal form stays unreduced.
   */
  private static Expr reduce(
      Expr e, boolean root, List<CotStep> lines, Map<String, Rational> computed) {
    if (e instanceof Expr.Num) {
      return e;
    }
    if (e instanceof Expr.Neg neg) {
      Expr inner = reduce(neg.operand(), false, lines, computed);
      return inner instanceof Expr.Num n ? Expr.Num.of(n.value().negate()) : new Expr.Neg(inner);
    }
    Expr.Binary b = (Expr.Binary) e;
    Expr left = reduce(b.left(), false, lines, computed);
    Expr right = reduce(b.right(), false, lines, computed);
    Expr identity = identity(b.op(), left, right);
    if (identity != null && !(root && identity instanceof Expr.Num)) {
      return identity;
    }
    Expr.Binary reduced = new Expr.Binary(b.op(), left, right);
    if (root || !(left instanceof Expr.Num) || !(right instanceof Expr.Num)) {
      return reduced;
    }
    Rational value = reduced.evaluate();
    if (!value.isTerminatingDecimal()) {
      return reduced;
    }
    String key = reduced.render();
    if (computed.containsKey(key)) {
      return Expr.Num.of(value);
    }
    computed.put(key, value);
    String opener = lines.isEmpty() ? "First, " : "Next, ";
    Annotation a = Annotation.of(key, value);
    lines.add(
        CotStep.of(
            opener + StepText.visible(reduced) + " = " + a.render() + value.toPlainString() + "."));
    return Expr.Num.of(value);
  }

  /**
   * The operand an identity operation returns ({@code x*1}, {@code 1*x}, {@code x/1}, {@code x+0},
   * {@code 0+x}, {@code x-0}), else null.
   */
  private static Expr identity(char op, Expr left, Expr right) {
    boolean leftOne = left instanceof Expr.Num n && n.value().equals(Rational.ONE);
    boolean rightOne = right instanceof Expr.Num n && n.value().equals(Rational.ONE);
    boolean leftZero = left instanceof Expr.Num n && n.value().signum() == 0;
    boolean rightZero = right instanceof Expr.Num n && n.value().signum() == 0;
    return switch (op) {
      case '*' -> rightOne ? left : leftOne ? right : null;
      case '/' -> rightOne ? left : null;
      case '+' -> rightZero ? left : leftZero ? right : null;
      case '-' -> rightZero ? left : null;
      default -> null;
    };
  }

  /**
   * Moves divisions whose quotient has no finite decimal form after multiplications ({@code 10/3*6}
   * → {@code 10*6/3}) and merges chained divisors ({@code 100/3/2} → {@code 100/(3*2)}), so that
   * the intermediate results can be written exactly.
   */
  static Expr regroup(Expr e) {
    if (e instanceof Expr.Num) {
      return e;
    }
    if (e instanceof Expr.Neg neg) {
      return new Expr.Neg(regroup(neg.operand()));
    }
    Expr.Binary b = (Expr.Binary) e;
    Expr left = regroup(b.left());
    Expr right = regroup(b.right());
    if (b.op() == '*' && nonTerminatingQuotient(left)) {
      Expr.Binary q = (Expr.Binary) left;
      return new Expr.Binary('/', regroup(new Expr.Binary('*', q.left(), right)), q.right());
    }
    if (b.op() == '*' && nonTerminatingQuotient(right)) {
      Expr.Binary q = (Expr.Binary) right;
      return new Expr.Binary('/', regroup(new Expr.Binary('*', left, q.left())), q.right());
    }
    if (b.op() == '/' && nonTerminatingQuotient(left)) {
      Expr.Binary q = (Expr.Binary) left;
      return new Expr.Binary('/', q.left(), new Expr.Binary('*', q.right(), right));
    }
    Expr identity = identity(b.op(), left, right);
    return identity != null ? identity : new Expr.Binary(b.op(), left, right);
  }

  private static boolean nonTerminatingQuotient(Expr e) {
    if (!(e instanceof Expr.Binary b) || b.op() != '/') {
      return false;
    }
    try {
      return !e.evaluate().isTerminatingDecimal();
    } catch (ArithmeticException ex) {
      return false;
    }
  }
}
