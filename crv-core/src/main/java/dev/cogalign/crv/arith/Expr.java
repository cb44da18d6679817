package dev.cogalign.crv.arith;

import java.util.List;

/** The tree of an {@link ArithmeticExpression}. */
public sealed interface Expr permits Expr.Num, Expr.Neg, Expr.Binary {

  Rational evaluate();

  int operationCount();

  void collectNumbers(List<Num> out);

  /** Compact calculator form: {@code 48/2+3*4}, parentheses only where needed. */
  String render();

  /** A number literal as written ({@code 1,000}, {@code .5}, {@code 20%}) and its value. */
  record Num(Rational value, String text) implements Expr {
    /** A literal for a computed value, written in plain decimal or {@code a/b} notation. */
    public static Num of(Rational value) {
      return new Num(value, value.toPlainString());
    }

    @Override
    public Rational evaluate() {
      return value;
    }

    @Override
    public int operationCount() {
      return 0;
    }

    @Override
    public void collectNumbers(List<Num> out) {
      out.add(this);
    }

    @Override
    public String render() {
      return text;
    }
  }

  /** A unary minus. */
  record Neg(Expr operand) implements Expr {
    @Override
    public Rational evaluate() {
      return operand.evaluate().negate();
    }

    @Override
    public int operationCount() {
      return operand.operationCount();
    }

    @Override
    public void collectNumbers(List<Num> out) {
      operand.collectNumbers(out);
    }

    @Override
    public String render() {
      String inner = operand.render();
      return operand instanceof Binary ? "-(" + inner + ")" : "-" + inner;
    }
  }

  /**
   * A binary operation: {@code + - * /}, {@code ^} (written {@code **}) or floor division (written
   * {@code //}, as the Python calculator behind GSM8K's annotations computes it).
   */
  record Binary(char op, Expr left, Expr right) implements Expr {
    /** The operator character of floor division {@code //}. */
    public static final char FLOOR_DIVIDE = '\\';

    public Binary {
      if ("+-*/^\\".indexOf(op) < 0) {
        throw new IllegalArgumentException("unknown operator '" + op + "'");
      }
    }

    /** The operation on two values, exactly. */
    public static Rational apply(char op, Rational a, Rational b) {
      return switch (op) {
        case '+' -> a.add(b);
        case '-' -> a.subtract(b);
        case '*' -> a.multiply(b);
        case '/' -> a.divide(b);
        case FLOOR_DIVIDE -> floor(a.divide(b));
        case '^' -> {
          if (!b.isInteger() || b.abs().compareTo(Rational.of(Rational.MAX_EXPONENT)) > 0) {
            throw new ArithmeticException("exponent " + b + " is not a small integer");
          }
          yield a.pow(b.toBigIntegerExact().intValueExact());
        }
        default -> throw new IllegalArgumentException("unknown operator '" + op + "'");
      };
    }

    private static Rational floor(Rational q) {
      java.math.BigInteger[] qr = q.numerator().divideAndRemainder(q.denominator());
      java.math.BigInteger f =
          qr[1].signum() < 0 ? qr[0].subtract(java.math.BigInteger.ONE) : qr[0];
      return Rational.of(f);
    }

    /** How the operator is written: {@code **} for a power, {@code //} for floor division. */
    public static String symbol(char op) {
      return op == '^' ? "**" : op == FLOOR_DIVIDE ? "//" : String.valueOf(op);
    }

    static int precedence(char op) {
      return switch (op) {
        case '+', '-' -> 1;
        case '*', '/' -> 2;
        default -> 3;
      };
    }

    @Override
    public Rational evaluate() {
      return apply(op, left.evaluate(), right.evaluate());
    }

    @Override
    public int operationCount() {
      return 1 + left.operationCount() + right.operationCount();
    }

    @Override
    public void collectNumbers(List<Num> out) {
      left.collectNumbers(out);
      right.collectNumbers(out);
    }

    @Override
    public String render() {
      int p = precedence(op);
      String l = left.render();
      String r = right.render();
      boolean leftParens =
          (left instanceof Binary b && (precedence(b.op) < p || (op == '^' && b.op == '^')))
              || (op == '^' && (left instanceof Neg || startsNegative(left)));
      boolean rightParens =
          right instanceof Binary b
              ? precedence(b.op) < p || (precedence(b.op) == p && op != '^')
              : right instanceof Neg || startsNegative(right);
      return wrap(l, leftParens) + symbol(op) + wrap(r, rightParens);
    }

    private static boolean startsNegative(Expr e) {
      return e instanceof Num n && n.text().startsWith("-");
    }

    private static String wrap(String s, boolean parens) {
      return parens ? "(" + s + ")" : s;
    }
  }
}
