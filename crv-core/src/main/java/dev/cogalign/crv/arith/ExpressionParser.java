package dev.cogalign.crv.arith;

/** Recursive-descent parser of calculator expressions; see {@link ArithmeticExpression}. */
final class ExpressionParser {
  private static final int MAX_DEPTH = 200;

  private final String src;
  private int pos;
  private int depth;

  ExpressionParser(String src) {
    this.src = src;
  }

  Expr parseAll() {
    skipSpaces();
    if (pos >= src.length()) {
      throw error("empty expression");
    }
    Expr e = sum();
    skipSpaces();
    if (pos < src.length()) {
      throw error("unexpected '" + src.charAt(pos) + "'");
    }
    return e;
  }

  private Expr sum() {
    Expr left = product();
    while (true) {
      skipSpaces();
      char c = peek();
      if (c == '+' || c == '-' || c == '−') {
        pos++;
        left = new Expr.Binary(c == '+' ? '+' : '-', left, product());
      } else {
        return left;
      }
    }
  }

  private Expr product() {
    Expr left = unary();
    while (true) {
      skipSpaces();
      char c = peek();
      if ((c == '*' && !src.startsWith("**", pos)) || c == '×' || c == '·') {
        pos++;
        left = new Expr.Binary('*', left, unary());
      } else if (src.startsWith("//", pos)) {
        pos += 2;
        left = new Expr.Binary(Expr.Binary.FLOOR_DIVIDE, left, unary());
      } else if (c == '/' || c == '÷') {
        pos++;
        left = new Expr.Binary('/', left, unary());
      } else if (c == '(') {
        left = new Expr.Binary('*', left, unary());
      } else {
        return left;
      }
    }
  }

  private Expr unary() {
    skipSpaces();
    char c = peek();
    if (c == '-' || c == '−') {
      pos++;
      return new Expr.Neg(nested(this::unary));
    }
    if (c == '+') {
      pos++;
      return nested(this::unary);
    }
    return power();
  }

  private Expr power() {
    Expr base = primary();
    skipSpaces();
    if (src.startsWith("**", pos) || peek() == '^') {
      pos += peek() == '^' ? 1 : 2;
      return new Expr.Binary('^', base, nested(this::unary));
    }
    return base;
  }

  private Expr primary() {
    skipSpaces();
    char c = peek();
    if (c == '(') {
      pos++;
      Expr inner = nested(this::sum);
      skipSpaces();
      if (peek() != ')') {
        throw error("missing ')'");
      }
      pos++;
      return inner;
    }
    if (Character.isDigit(c) || c == '.') {
      return number();
    }
    throw error(pos >= src.length() ? "unexpected end" : "unexpected '" + c + "'");
  }

  private Expr number() {
    int start = pos;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (Character.isDigit(c) || c == '.') {
        pos++;
      } else if (c == ',' && thousandsGroupFollows()) {
        pos++;
      } else {
        break;
      }
    }
    String text = src.substring(start, pos);
    skipSpaces();
    boolean percent = peek() == '%';
    if (percent) {
      pos++;
    }
    Rational value;
    try {
      value = Rational.parse(text);
    } catch (NumberFormatException e) {
      throw new ExpressionException(src, start, "malformed number '" + text + "'");
    }
    return percent
        ? new Expr.Num(value.divide(Rational.HUNDRED), text + "%")
        : new Expr.Num(value, text);
  }

  private boolean thousandsGroupFollows() {
    int i = pos + 1;
    int n = 0;
    while (i + n < src.length() && Character.isDigit(src.charAt(i + n))) {
      n++;
    }
    return n == 3;
  }

  private Expr nested(java.util.function.Supplier<Expr> rule) {
    if (++depth > MAX_DEPTH) {
      throw error("expression nested deeper than " + MAX_DEPTH);
    }
    try {
      return rule.get();
    } finally {
      depth--;
    }
  }

  private char peek() {
    return pos < src.length() ? src.charAt(pos) : '\0';
  }

  private void skipSpaces() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private ExpressionException error(String message) {
    return new ExpressionException(src, pos, message);
  }
}
