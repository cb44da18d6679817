package dev.cogalign.crv.rules;

import dev.cogalign.crv.arith.ArithmeticExpression;
import dev.cogalign.crv.arith.Expr;
import dev.cogalign.crv.arith.Rational;
import dev.cogalign.crv.cot.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text surgery on one GSM8K step line: its annotations and the numbers around them. */
final class StepText {
  /** The visible calculation written just before an annotation: {@code 16 - 3 - 4 = $}. */
  private static final Pattern VISIBLE =
      Pattern.compile("([$(]*\\d[-+*/x×÷^().,$\\d\\s]*?[\\d)%])\\s*=\\s*\\$?\\s*$");

  /** The number a step writes right after an annotation: {@code <<3*4=12>>12 eggs}. */
  private static final Pattern NEXT_NUMBER = Pattern.compile("^(\\s*)(-?\\d[\\d,]*(?:\\.\\d+)?)");

  /** How far before an annotation its visible calculation is looked for. */
  private static final int MAX_VISIBLE_CHARS = 200;

  /** A number as written in prose: {@code 1,234.5}, {@code -3}, {@code .5}; not {@code 3rd}. */
  static final Pattern NUMBER =
      Pattern.compile(
          "(?<![\\w.])-?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?![\\w])|(?<![\\w])\\.\\d+(?![\\w])");

  private StepText() {}

  /** The numbers written in the text (annotations excluded). */
  static List<Rational> numbers(String text) {
    List<Rational> out = new ArrayList<>();
    Matcher m = NUMBER.matcher(Annotation.strip(text));
    while (m.find()) {
      Rational r = Rational.tryParse(m.group());
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * Replaces the annotation (the first one equal to {@code old}) by {@code replacement}; when the
   * visible calculation before it computes the same as the old expression, it is rewritten as
   * {@code visible}; when the number right after the annotation is the old value, it becomes the
   * new value.
   */
  static String replaceAnnotation(
      String text, Annotation old, Annotation replacement, String visible) {
    int at = text.indexOf(old.render());
    if (at < 0) {
      throw new IllegalArgumentException("annotation " + old.render() + " not in '" + text + "'");
    }
    String before = text.substring(0, at);
    String after = text.substring(at + old.render().length());
    if (visible != null) {
      int window = Math.max(0, before.length() - MAX_VISIBLE_CHARS);
      Matcher m = VISIBLE.matcher(before).region(window, before.length());
      if (m.find() && sameCalculation(m.group(1), old.expression())) {
        before = before.substring(0, m.start(1)) + visible + before.substring(m.end(1));
      }
    }
    if (!old.value().equals(replacement.value())) {
      Matcher next = NEXT_NUMBER.matcher(after);
      Rational oldValue = Rational.tryParse(old.value());
      if (next.find() && oldValue != null && oldValue.equals(Rational.tryParse(next.group(2)))) {
        after = next.group(1) + replacement.value() + after.substring(next.end());
      }
    }
    return before + replacement.render() + after;
  }

  private static boolean sameCalculation(String visible, String expression) {
    String v = visible.replace("$", "").replace('x', '*').replace('×', '*').replace('÷', '/');
    try {
      ArithmeticExpression a = ArithmeticExpression.parse(v);
      ArithmeticExpression b = ArithmeticExpression.parse(expression);
      return a.operationCount() == b.operationCount() && a.evaluate().equals(b.evaluate());
    } catch (IllegalArgumentException | ArithmeticException e) {
      return false;
    }
  }

  /** A calculation as a reader sees it: {@code 16 - 3}, {@code 13 * 4}, {@code 2 ** 3}. */
  static String visible(Expr e) {
    if (e instanceof Expr.Binary b) {
      String op = Expr.Binary.symbol(b.op());
      return operand(b.left(), b, false) + " " + op + " " + operand(b.right(), b, true);
    }
    return e.render();
  }

  private static String operand(Expr e, Expr.Binary parent, boolean right) {
    String s = visible(e);
    boolean parens =
        e instanceof Expr.Binary b
            ? precedence(b.op()) < precedence(parent.op())
                || (right && precedence(b.op()) == precedence(parent.op()))
            : s.startsWith("-") && (right || parent.op() == '^');
    return parens ? "(" + s + ")" : s;
  }

  private static int precedence(char op) {
    return op == '+' || op == '-' ? 1 : op == '^' ? 3 : 2;
  }
}
