package dev.cogalign.crv.answer;

import dev.cogalign.crv.arith.Rational;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A LaTeX-ish math expression as answers are written: numbers, one-letter variables (with
 * subscripts), {@code + - * / ^}, {@code \cdot \times \div}, implicit multiplication ({@code 2x},
 * {@code 3\sqrt{13}}, {@code (a+5)(b+2)}), mixed numbers ({@code 1\frac{4}{5}}), {@code \frac},
 * {@code \sqrt}, {@code \sqrt[n]}, {@code \pi}, {@code \infty}, {@code e}, trigonometric and
 * logarithmic functions, {@code |x|}, {@code n!}, and base-n numerals ({@code 52_8}).
 */
public final class MathExpression {
  private final Node root;
  private final Set<String> variables;

  private MathExpression(Node root, Set<String> variables) {
    this.root = root;
    this.variables = variables;
  }

  /** Parses the expression, or returns null when it is not one. */
  public static MathExpression tryParse(String text) {
    try {
      MathParser parser = new MathParser(text);
      Node root = parser.parseAll();
      return new MathExpression(root, new TreeSet<>(parser.variables()));
    } catch (IllegalArgumentException | ArithmeticException e) {
      return null;
    }
  }

  /** The free variables (named by letter, or by command such as {@code \theta}). */
  public Set<String> variables() {
    return variables;
  }

  /** The value with the given variables bound (unbound ones are undefined: NaN). */
  public MathValue evaluate(Map<String, Double> bindings) {
    try {
      return root.eval(bindings);
    } catch (ArithmeticException e) {
      return MathValue.approx(Double.NaN);
    }
  }

  /** A node of the expression tree. */
  interface Node {
    MathValue eval(Map<String, Double> bindings);
  }

  record Constant(MathValue value) implements Node {
    @Override
    public MathValue eval(Map<String, Double> bindings) {
      return value;
    }
  }

  record Variable(String name) implements Node {
    @Override
    public MathValue eval(Map<String, Double> bindings) {
      Double v = bindings.get(name);
      return MathValue.approx(v == null ? Double.NaN : v);
    }
  }

  record Unary(String function, Node operand) implements Node {
    @Override
    public MathValue eval(Map<String, Double> bindings) {
      MathValue v = operand.eval(bindings);
      if (function.equals("neg")) {
        return v.exact() != null ? MathValue.of(v.exact().negate()) : MathValue.approx(-v.approx());
      }
      if (function.equals("abs") && v.exact() != null) {
        return MathValue.of(v.exact().abs());
      }
      if (function.equals("sqrt") && v.exact() != null) {
        Rational root = exactRoot(v.exact(), 2);
        if (root != null) {
          return MathValue.of(root);
        }
      }
      if (function.equals("fact") && v.exact() != null && v.exact().isInteger()) {
        BigInteger n = v.exact().toBigIntegerExact();
        if (n.signum() >= 0 && n.compareTo(BigInteger.valueOf(200)) <= 0) {
          BigInteger f = BigInteger.ONE;
          for (int i = 2; i <= n.intValue(); i++) {
            f = f.multiply(BigInteger.valueOf(i));
          }
          return MathValue.of(Rational.of(f));
        }
      }
      Function<Double, Double> f = FUNCTIONS.get(function);
      if (f == null) {
        throw new ArithmeticException("unknown function " + function);
      }
      return MathValue.approx(f.apply(v.approx()));
    }
  }

  record Binary(char op, Node left, Node right) implements Node {
    @Override
    public MathValue eval(Map<String, Double> bindings) {
      MathValue a = left.eval(bindings);
      MathValue b = right.eval(bindings);
      if (a.exact() != null && b.exact() != null) {
        Rational x = a.exact();
        Rational y = b.exact();
        switch (op) {
          case '+':
            return MathValue.of(x.add(y));
          case '-':
            return MathValue.of(x.subtract(y));
          case '*':
            return MathValue.of(x.multiply(y));
          case '/':
            return y.signum() == 0 ? MathValue.approx(Double.NaN) : MathValue.of(x.divide(y));
          default:
            if (y.isInteger()
                && y.abs().compareTo(Rational.of(64)) <= 0
                && !(x.signum() == 0 && y.signum() < 0)) {
              return MathValue.of(x.pow(y.toBigIntegerExact().intValue()));
            }
            if (!y.isInteger()
                && y.denominator().compareTo(BigInteger.valueOf(12)) <= 0
                && y.abs().compareTo(Rational.of(64)) <= 0
                && x.signum() >= 0) {
              Rational root = exactRoot(x, y.denominator().intValue());
              if (root != null) {
                return MathValue.of(root.pow(y.numerator().intValue()));
              }
            }
        }
      }
      double x = a.approx();
      double y = b.approx();
      return MathValue.approx(
          switch (op) {
            case '+' -> x + y;
            case '-' -> x - y;
            case '*' -> x * y;
            case '/' -> y == 0 ? Double.NaN : x / y;
            default -> Math.pow(x, y);
          });
    }
  }

  private static final Map<String, Function<Double, Double>> FUNCTIONS =
      Map.ofEntries(
          Map.entry("sqrt", Math::sqrt),
          Map.entry("abs", Math::abs),
          Map.entry("sin", Math::sin),
          Map.entry("cos", Math::cos),
          Map.entry("tan", Math::tan),
          Map.entry("cot", x -> 1 / Math.tan(x)),
          Map.entry("sec", x -> 1 / Math.cos(x)),
          Map.entry("csc", x -> 1 / Math.sin(x)),
          Map.entry("arcsin", Math::asin),
          Map.entry("arccos", Math::acos),
          Map.entry("arctan", Math::atan),
          Map.entry("ln", Math::log),
          Map.entry("log", Math::log10),
          Map.entry("exp", Math::exp),
          Map.entry("fact", x -> gammaFactorial(x)));

  static boolean isFunction(String name) {
    return FUNCTIONS.containsKey(name) && !name.equals("fact") && !name.equals("abs");
  }

  private static double gammaFactorial(double x) {
    if (x < 0 || x != Math.rint(x) || x > 170) {
      return Double.NaN;
    }
    double f = 1;
    for (int i = 2; i <= x; i++) {
      f *= i;
    }
    return f;
  }

  /** The exact n-th root of a non-negative rational, or null when it is irrational. */
  static Rational exactRoot(Rational x, int n) {
    if (x.signum() < 0) {
      return null;
    }
    BigInteger p = integerRoot(x.numerator(), n);
    BigInteger q = integerRoot(x.denominator(), n);
    return p == null || q == null ? null : Rational.of(p, q);
  }

  private static BigInteger integerRoot(BigInteger v, int n) {
    if (n == 2) {
      BigInteger r = v.sqrt();
      return r.multiply(r).equals(v) ? r : null;
    }
    if (v.bitLength() > 4000) {
      return null;
    }
    BigInteger r = BigInteger.valueOf(Math.round(Math.pow(v.doubleValue(), 1.0 / n)));
    for (BigInteger c = r.subtract(BigInteger.ONE);
        c.compareTo(r.add(BigInteger.ONE)) <= 0;
        c = c.add(BigInteger.ONE)) {
      if (c.signum() >= 0 && c.pow(n).equals(v)) {
        return c;
      }
    }
    return null;
  }
}
