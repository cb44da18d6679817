package dev.cogalign.crv.cot;

import dev.cogalign.crv.arith.ArithmeticExpression;
import dev.cogalign.crv.arith.Rational;

/**
 * The exact recomputation of one {@link Annotation}.
 *
 * @param annotation the annotation checked
 * @param status whether the written value holds
 * @param computed the exact value of the expression, null when it cannot be computed
 * @param operations binary operations in the expression (0 when unreadable)
 * @param maxOperandDigits digits of its largest operand (0 when unreadable)
 * @param message what was found, naming the values
 */
public record AnnotationCheck(
    Annotation annotation,
    Status status,
    Rational computed,
    int operations,
    int maxOperandDigits,
    String message) {

  /** How a written value relates to the exact result. */
  public enum Status {
    /** The written value equals the exact result. */
    EXACT,
    /**
     * The written value is the exact result rounded half-up to the decimals written (at least one),
     * e.g. {@code <<10/3=3.33>>}: the result of a non-terminating division.
     */
    ROUNDED,
    /** The written value is not the result. */
    WRONG,
    /** The expression or the value cannot be read or computed (division by zero). */
    UNREADABLE
  }

  /** Whether the annotation holds: exact, or correctly rounded to the written decimals. */
  public boolean holds() {
    return status == Status.EXACT || status == Status.ROUNDED;
  }

  static AnnotationCheck of(Annotation a) {
    ArithmeticExpression expression;
    Rational computed;
    try {
      expression = ArithmeticExpression.parse(a.expression());
      computed = expression.evaluate();
    } catch (IllegalArgumentException | ArithmeticException e) {
      return new AnnotationCheck(
          a, Status.UNREADABLE, null, 0, 0, a.render() + ": cannot compute: " + e.getMessage());
    }
    int ops = expression.operationCount();
    int digits = expression.maxOperandDigits();
    Rational written = Rational.tryParse(a.value().replace("$", ""));
    if (written == null) {
      return new AnnotationCheck(
          a,
          Status.UNREADABLE,
          computed,
          ops,
          digits,
          a.render() + ": '" + a.value() + "' is not a number");
    }
    if (written.equals(computed)) {
      return new AnnotationCheck(a, Status.EXACT, computed, ops, digits, a.render() + " holds");
    }
    int decimals = decimals(a.value());
    if (decimals > 0
        && !computed.isTerminatingDecimal()
        && computed.round(decimals).equals(written)) {
      return new AnnotationCheck(
          a,
          Status.ROUNDED,
          computed,
          ops,
          digits,
          a.render() + " holds rounded to " + decimals + " decimals (exact " + computed + ")");
    }
    return new AnnotationCheck(
        a,
        Status.WRONG,
        computed,
        ops,
        digits,
        a.render() + " is wrong: " + a.expression() + " = " + computed.toPlainString());
  }

  private static int decimals(String numeral) {
    int dot = numeral.indexOf('.');
    if (dot < 0) {
      return 0;
    }
    int n = 0;
    for (int i = dot + 1; i < numeral.length() && Character.isDigit(numeral.charAt(i)); i++) {
      n++;
    }
    return n;
  }
}
