package dev.cogalign.crv.rules;

import dev.cogalign.crv.agent.AgentException;
import dev.cogalign.crv.agent.StudentProfile;
import dev.cogalign.crv.arith.ArithmeticExpression;
import dev.cogalign.crv.arith.Expr;
import dev.cogalign.crv.arith.Rational;
import dev.cogalign.crv.cot.Annotation;
import dev.cogalign.crv.cot.Cot;
import dev.cogalign.crv.cot.CotStep;
import java.util.ArrayList;
import java.util.List;

/**
 * Extends a too-terse CoT: every annotated step doing more operations than the student handles is
 * split into single-operation steps, each with its exact intermediate result, the original step
 * keeping its text and its last operation; a CoT still shorter than the student's minimum gets a
 * concluding step stating the answer.
 */
final class Extender {
  private Extender() {}

  static Cot extend(Cot cot, StudentProfile profile, String answer) {
    List<CotStep> out = new ArrayList<>();
    boolean changed = false;
    for (CotStep step : cot.steps()) {
      if (step.annotations().size() == 1
          && step.operationCount() > profile.maxOperationsPerStep()) {
        List<CotStep> split = split(step);
        changed |= split.size() > 1;
        out.addAll(split);
      } else {
        out.add(step);
      }
    }
    if (out.size() < profile.minSteps() && answer != null) {
      out.add(CotStep.of("So the answer is " + answer + "."));
      changed = true;
    }
    if (!changed) {
      throw new AgentException(
          "nothing to extend: no step does more than "
              + profile.maxOperationsPerStep()
              + " operation(s) in a splittable annotation, and the CoT has "
              + out.size()
              + " steps");
    }
    return cot.withSteps(out);
  }

  /** The step as single-operation steps, or the step alone when it cannot be split. */
  static List<CotStep> split(CotStep step) {
    Annotation annotation = step.annotations().get(0);
    Expr root;
    try {
      ArithmeticExpression e = ArithmeticExpression.parse(annotation.expression());
      e.evaluate();
      root = regroup(e.root());
    } catch (IllegalArgumentException | ArithmeticException e) {
      return List.of(step);
    }
    List<String> lines = new ArrayList<>();
    Expr last = reduce(root, true, lines);
    if (lines.isEmpty()) {
      return List.of(step);
    }
    Annotation replacement = new Annotation(last.render(), annotation.value());
    String text =
        StepText.replaceAnnotation(step.text(), annotation, replacement, StepText.visible(last));
    List<CotStep> out = new ArrayList<>();
    for (String line : lines) {
      out.add(CotStep.of(line));
    }
    out.add(CotStep.of(text));
    return out;
  }

  /**
   * Reduces every operation on two numbers to its result, writing a step for each, except the
   * root's; an operation whose result has no finite decimal form stays unreduced.
   */
  private static Expr reduce(Expr e, boolean root, List<String> lines) {
    if (e instanceof Expr.Num) {
      return e;
    }
    if (e instanceof Expr.Neg neg) {
      Expr inner = reduce(neg.operand(), false, lines);
      return inner instanceof Expr.Num n ? Expr.Num.of(n.value().negate()) : new Expr.Neg(inner);
    }
    Expr.Binary b = (Expr.Binary) e;
    Expr left = reduce(b.left(), false, lines);
    Expr right = reduce(b.right(), false, lines);
    Expr.Binary reduced = new Expr.Binary(b.op(), left, right);
    if (root || !(left instanceof Expr.Num) || !(right instanceof Expr.Num)) {
      return reduced;
    }
    Rational value = reduced.evaluate();
    if (!value.isTerminatingDecimal()) {
      return reduced;
    }
    String opener = lines.isEmpty() ? "First, " : "Next, ";
    Annotation a = Annotation.of(reduced.render(), value);
    lines.add(
        opener + StepText.visible(reduced) + " = " + a.render() + value.toPlainString() + ".");
    return Expr.Num.of(value);
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
    return new Expr.Binary(b.op(), left, right);
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
