package dev.cogalign.crv.answer;

import dev.cogalign.crv.answer.MathExpression.Binary;
import dev.cogalign.crv.answer.MathExpression.Constant;
import dev.cogalign.crv.answer.MathExpression.Node;
import dev.cogalign.crv.answer.MathExpression.Unary;
import dev.cogalign.crv.answer.MathExpression.Variable;
import dev.cogalign.crv.arith.Rational;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;

/** Recursive-descent parser of {@link MathExpression}s; throws IllegalArgumentException. */
final class MathParser {
  private static final int MAX_DEPTH = 100;
  private static final Set<String> TIMES = Set.of("cdot", "times", "ast");
  private static final Set<String> GREEK =
      Set.of(
          "alpha", "beta", "gamma", "delta", "epsilon", "theta", "lambda", "mu", "nu", "phi", "psi",
          "omega", "sigma", "tau", "rho", "xi", "eta", "zeta", "kappa", "chi");

  private final String src;
  private final Set<String> variables = new HashSet<>();
  private int pos;
  private int depth;

  MathParser(String src) {
    this.src = src;
  }

  Set<String> variables() {
    return variables;
  }

  Node parseAll() {
    Node n = sum();
    skip();
    if (pos < src.length()) {
      throw fail("unexpected '" + src.charAt(pos) + "'");
    }
    return n;
  }

  private Node sum() {
    enter();
    try {
      Node left = product();
      while (true) {
        skip();
        char c = peek();
        if (c == '+' || c == '-') {
          pos++;
          left = new Binary(c, left, product());
        } else {
          return left;
        }
      }
    } finally {
      depth--;
    }
  }

  private Node product() {
    Node left = unary();
    while (true) {
      skip();
      char c = peek();
      String command = peekCommand();
      if (c == '*' || (command != null && TIMES.contains(command))) {
        pos += c == '*' ? 1 : command.length() + 1;
        left = new Binary('*', left, unary());
      } else if (c == '/' || "div".equals(command)) {
        pos += c == '/' ? 1 : 4;
        left = new Binary('/', left, unary());
      } else if ("frac".equals(command) && left instanceof Constant k && isWholeLiteral(k)) {
        Node frac = power();
        left =
            frac instanceof Binary b && isExact(b.left()) && isExact(b.right())
                ? new Binary('+', left, frac)
                : new Binary('*', left, frac);
      } else if (startsPrimary()) {
        left = new Binary('*', left, power());
      } else {
        return left;
      }
    }
  }

  private static boolean isExact(Node n) {
    return n instanceof Constant k && k.value().exact() != null;
  }

  private static boolean isWholeLiteral(Constant k) {
    Rational v = k.value().exact();
    return v != null && v.isInteger() && v.signum() > 0;
  }

  private boolean startsPrimary() {
    char c = peek();
    if (Character.isDigit(c) || Character.isLetter(c) || c == '(' || c == '{' || c == '.') {
      return true;
    }
    String command = peekCommand();
    return command != null
        && !TIMES.contains(command)
        && !command.equals("div")
        && !command.equals("pm")
        && !command.equals("cup");
  }

  private Node unary() {
    skip();
    char c = peek();
    if (c == '-' || c == '+') {
      pos++;
      enter();
      try {
        Node operand = unary();
        return c == '-' ? new Unary("neg", operand) : operand;
      } finally {
        depth--;
      }
    }
    return power();
  }

  private Node power() {
    Node base = postfix();
    skip();
    if (peek() == '^') {
      pos++;
      skip();
      Node exponent;
      if (peek() == '{') {
        exponent = group('{', '}');
      } else if (peek() == '-' || peek() == '+') {
        exponent = unary();
      } else {
        exponent = postfix();
      }
      return new Binary('^', base, exponent);
    }
    return base;
  }

  private Node postfix() {
    Node n = primary();
    skip();
    while (peek() == '!') {
      pos++;
      n = new Unary("fact", n);
      skip();
    }
    return n;
  }

  private Node primary() {
    skip();
    char c = peek();
    if (c == '(') {
      return group('(', ')');
    }
    if (c == '{') {
      return group('{', '}');
    }
    if (c == '[') {
      return group('[', ']');
    }
    if (c == '|') {
      pos++;
      Node inner = sum();
      expect('|');
      return new Unary("abs", inner);
    }
    if (Character.isDigit(c) || c == '.') {
      return number();
    }
    if (c == '\\') {
      return command();
    }
    if (Character.isLetter(c)) {
      pos++;
      String name = String.valueOf(c) + subscript();
      if (name.equals("e")) {
        return new Constant(MathValue.approx(Math.E));
      }
      variables.add(name);
      return new Variable(name);
    }
    throw fail(pos >= src.length() ? "unexpected end" : "unexpected '" + c + "'");
  }

  private Node number() {
    int start = pos;
    while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
      pos++;
    }
    String digits = src.substring(start, pos);
    if (peek() == '_') {
      String base = subscript().substring(1);
      try {
        return new Constant(
            MathValue.of(Rational.of(new BigInteger(digits, Integer.parseInt(base)))));
      } catch (NumberFormatException e) {
        throw fail("bad base-" + base + " numeral " + digits);
      }
    }
    Rational value = Rational.tryParse(digits);
    if (value == null) {
      throw fail("malformed number '" + digits + "'");
    }
    return new Constant(MathValue.of(value));
  }

  private String subscript() {
    if (peek() != '_') {
      return "";
    }
    pos++;
    if (peek() == '{') {
      int close = src.indexOf('}', pos);
      if (close < 0) {
        throw fail("missing '}'");
      }
      String sub = src.substring(pos + 1, close).strip();
      pos = close + 1;
      return "_" + sub;
    }
    if (pos < src.length() && Character.isLetterOrDigit(src.charAt(pos))) {
      return "_" + src.charAt(pos++);
    }
    throw fail("empty subscript");
  }

  private Node command() {
    String name = peekCommand();
    if (name == null) {
      throw fail("stray backslash");
    }
    pos += name.length() + 1;
    switch (name) {
      case "frac":
        {
          Node num = argument();
          Node den = argument();
          return new Binary('/', num, den);
        }
      case "sqrt":
        {
          skip();
          Node index = null;
          if (peek() == '[') {
            index = group('[', ']');
          }
          Node radicand = argument();
          return index == null
              ? new Unary("sqrt", radicand)
              : new Binary(
                  '^', radicand, new Binary('/', new Constant(MathValue.of(Rational.ONE)), index));
        }
      case "pi":
        return new Constant(MathValue.approx(Math.PI));
      case "infty":
      case "infinity":
        return new Constant(MathValue.approx(Double.POSITIVE_INFINITY));
      default:
        if (MathExpression.isFunction(name)) {
          skip();
          if (peek() == '^') {
            pos++;
            Node exponent = peek() == '{' ? group('{', '}') : number();
            Node call = new Unary(name, power());
            return new Binary('^', call, exponent);
          }
          return new Unary(name, power());
        }
        if (GREEK.contains(name)) {
          String var = name + subscript();
          variables.add(var);
          return new Variable(var);
        }
        throw fail("unsupported command \\" + name);
    }
  }

  /** A braced argument, or a single digit or letter (LaTeX's {@code \frac12}). */
  private Node argument() {
    skip();
    if (peek() == '{') {
      return group('{', '}');
    }
    if (Character.isDigit(peek())) {
      return new Constant(MathValue.of(Rational.of(src.charAt(pos++) - '0')));
    }
    return primary();
  }

  private Node group(char open, char close) {
    expect(open);
    Node inner = sum();
    expect(close);
    return inner;
  }

  private String peekCommand() {
    if (peek() != '\\') {
      return null;
    }
    int end = pos + 1;
    while (end < src.length() && Character.isLetter(src.charAt(end))) {
      end++;
    }
    return end == pos + 1 ? null : src.substring(pos + 1, end);
  }

  private void expect(char c) {
    skip();
    if (peek() != c) {
      throw fail("expected '" + c + "'");
    }
    pos++;
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw fail("nested too deeply");
    }
  }

  private char peek() {
    return pos < src.length() ? src.charAt(pos) : '\0';
  }

  private void skip() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException fail(String message) {
    return new IllegalArgumentException(message + " at " + pos + " in '" + src + "'");
  }
}
