package dev.cogalign.pipeline.support;

import java.math.BigDecimal;
import java.math.MathContext;

/** Evaluates calculator annotations ({@code 48/2}, {@code (3+4)*2}) for the test agents. */
final class Arithmetic {
  private final String text;
  private int pos;

  private Arithmetic(String text) {
    this.text = text.replace(" ", "").replace(",", "");
  }

  static BigDecimal evaluate(String expression) {
    Arithmetic parser = new Arithmetic(expression);
    BigDecimal value = parser.sum();
    if (parser.pos != parser.text.length()) {
      throw new IllegalArgumentException("cannot read '" + expression + "'");
    }
    return value;
  }

  /** Binary operators in the expression. */
  static int operations(String expression) {
    int count = 0;
    String text = expression.replace(" ", "");
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      char before = text.charAt(i - 1);
      if ("+*/".indexOf(c) >= 0 || (c == '-' && (Character.isDigit(before) || before == ')'))) {
        count++;
      }
    }
    return count;
  }

  static boolean same(String a, String b) {
    try {
      return number(a).compareTo(number(b)) == 0;
    } catch (NumberFormatException e) {
      return a.strip().equals(b.strip());
    }
  }

  static BigDecimal number(String text) {
    return new BigDecimal(text.replace(",", "").replace("$", "").strip());
  }

  private BigDecimal sum() {
    BigDecimal value = product();
    while (pos < text.length() && (peek() == '+' || peek() == '-')) {
      char op = text.charAt(pos++);
      BigDecimal right = product();
      value = op == '+' ? value.add(right) : value.subtract(right);
    }
    return value;
  }

  private BigDecimal product() {
    BigDecimal value = unary();
    while (pos < text.length() && (peek() == '*' || peek() == '/')) {
      char op = text.charAt(pos++);
      BigDecimal right = unary();
      value = op == '*' ? value.multiply(right) : value.divide(right, MathContext.DECIMAL64);
    }
    return value;
  }

  private BigDecimal unary() {
    if (peek() == '-') {
      pos++;
      return unary().negate();
    }
    if (peek() == '(') {
      pos++;
      BigDecimal value = sum();
      pos++;
      return value;
    }
    int start = pos;
    while (pos < text.length() && (Character.isDigit(peek()) || peek() == '.')) {
      pos++;
    }
    if (start == pos) {
      throw new IllegalArgumentException("cannot read '" + text + "' at " + pos);
    }
    return new BigDecimal(text.substring(start, pos));
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }
}
