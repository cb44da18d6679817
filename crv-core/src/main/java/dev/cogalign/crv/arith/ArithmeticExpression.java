package dev.cogalign.crv.arith;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A calculator expression as GSM8K writes inside {@code <<expr=value>>}: numbers (decimals,
 * thousands separators, an optional {@code %}), {@code + - * /}, {@code **} or {@code ^} with an
 * integer exponent, parentheses, unary signs, {@code ×} and {@code ÷}, and implicit multiplication
 * before a parenthesis ({@code 2(3+4)}). Evaluated exactly with {@link Rational}s.
 */
public final class ArithmeticExpression {
  private final String source;
  private final Expr root;

  private ArithmeticExpression(String source, Expr root) {
    this.source = source;
    this.root = root;
  }

  /**
   * Parses an expression.
   *
   * @throws ExpressionException naming the position when the text is not an expression
   */
  public static ArithmeticExpression parse(String source) {
    Objects.requireNonNull(source, "source");
    return new ArithmeticExpression(source, new ExpressionParser(source).parseAll());
  }

  /** The expression wrapping an already built tree. */
  public static ArithmeticExpression of(Expr root) {
    return new ArithmeticExpression(root.render(), root);
  }

  public String source() {
    return source;
  }

  public Expr root() {
    return root;
  }

  /**
   * The exact value.
   *
   * @throws ArithmeticException on division by zero or a non-integer exponent
   */
  public Rational evaluate() {
    return root.evaluate();
  }

  /** Binary operations in the expression (unary signs and percent signs are not counted). */
  public int operationCount() {
    return root.operationCount();
  }

  /** Digits of the longest number literal, leading zeros not counted (at least 1). */
  public int maxOperandDigits() {
    int max = 0;
    for (Expr.Num num : operands()) {
      max = Math.max(max, digits(num.text()));
    }
    return max;
  }

  /** The number literals, left to right. */
  public List<Expr.Num> operands() {
    List<Expr.Num> out = new ArrayList<>();
    root.collectNumbers(out);
    return out;
  }

  /** Significant digits written in a numeral: {@code 80,000} has 5, {@code 0.25} has 2. */
  public static int digits(String numeral) {
    String digits = numeral.replaceAll("[^0-9]", "").replaceFirst("^0+", "");
    return Math.max(1, digits.length());
  }

  @Override
  public String toString() {
    return source;
  }
}
