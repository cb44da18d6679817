package dev.cogalign.crv.answer;

import dev.cogalign.crv.arith.Rational;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether two final answers mean the same, beyond string match (the role math-verify plays in
 * Python): both are normalized ({@link AnswerNormalizer}), then compared as numbers (exactly where
 * both are rational), as expressions (numerically at {@link #SAMPLE_POINTS} points for their free
 * variables), as intervals and tuples (ordered, brackets must agree), as sets and bare lists
 * (unordered), {@code a \pm b} as the set of both, equations side by side ({@code x=5} equals
 * {@code 5}), matrices entry by entry, unions part by part, and words case-insensitively. A
 * percentage also equals its hundredth ({@code 50%} and {@code 0.5}).
 */
public final class AnswerEquivalence {
  /** Sample points at which expressions with free variables must agree. */
  public static final int SAMPLE_POINTS = 6;

  /** Relative tolerance of numeric comparisons that are not exact. */
  public static final double DEFAULT_TOLERANCE = 1e-8;

  private static final Pattern WORD = Pattern.compile("(?<![\\\\a-zA-Z])[a-zA-Z]{3,}");
  private static final Pattern CHOICE = Pattern.compile("\\(?([A-Ea-e])\\)?");
  private static final Pattern MATRIX =
      Pattern.compile("\\\\begin\\{([pbvB]?matrix|array)\\}(?:\\{[^}]*\\})?(.*)\\\\end\\{\\1\\}");
  private static final Pattern IN_SET = Pattern.compile("^[a-zA-Z]\\s*\\\\in\\s*(.+)$");

  private AnswerEquivalence() {}

  /** Whether the two answers are equivalent; false when either is null or blank. */
  public static boolean equivalent(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    String na = AnswerNormalizer.normalize(a);
    String nb = AnswerNormalizer.normalize(b);
    if (na.isEmpty() || nb.isEmpty()) {
      return false;
    }
    if (na.equals(nb) || textEqual(na, nb)) {
      return true;
    }
    if (structurallyEqual(na, nb)) {
      return true;
    }
    boolean percentA = a.contains("%");
    boolean percentB = b.contains("%");
    if (percentA != percentB) {
      Rational va = AnswerNormalizer.plainNumber(na);
      Rational vb = AnswerNormalizer.plainNumber(nb);
      if (va != null && vb != null) {
        return percentA
            ? va.divide(Rational.HUNDRED).equals(vb)
            : vb.divide(Rational.HUNDRED).equals(va);
      }
    }
    return false;
  }

  private static boolean textEqual(String a, String b) {
    Matcher ca = CHOICE.matcher(a);
    Matcher cb = CHOICE.matcher(b);
    if (ca.matches() && cb.matches()) {
      return ca.group(1).equalsIgnoreCase(cb.group(1));
    }
    return a.equalsIgnoreCase(b) || a.replace(" ", "").equalsIgnoreCase(b.replace(" ", ""));
  }

  private static boolean structurallyEqual(String a, String b) {
    Shape sa = shape(a);
    Shape sb = shape(b);
    return sa != null && sb != null && sa.matches(sb);
  }

  /** The shape of a normalized answer, or null when it cannot be read as math. */
  static Shape shape(String s) {
    s = s.strip();
    if (s.isEmpty()) {
      return null;
    }
    Matcher in = IN_SET.matcher(s);
    if (in.matches()) {
      s = in.group(1).strip();
    }
    List<String> union = split(s, "\\cup");
    if (union.size() > 1) {
      return ordered('U', 'U', union);
    }
    Matcher matrix = MATRIX.matcher(s);
    if (matrix.matches()) {
      List<String> cells = new ArrayList<>();
      for (String row : matrix.group(2).split("\\\\\\\\")) {
        for (String cell : row.split("&")) {
          if (!cell.isBlank()) {
            cells.add(cell);
          }
        }
      }
      return ordered('M', 'M', cells);
    }
    List<String> sides = split(s, "=");
    if (sides.size() == 2) {
      Shape lhs = shape(sides.get(0));
      Shape rhs = shape(sides.get(1));
      return lhs == null || rhs == null ? null : new Shape.Equation(lhs, rhs);
    }
    if (sides.size() > 2) {
      return null;
    }
    char first = s.charAt(0);
    char last = s.charAt(s.length() - 1);
    if ((first == '(' || first == '[') && (last == ')' || last == ']') && closes(s)) {
      List<String> items = split(s.substring(1, s.length() - 1), ",");
      if (items.size() > 1) {
        return ordered(first, last, items);
      }
    }
    if (first == '{' && last == '}' && closes(s)) {
      List<String> items = split(s.substring(1, s.length() - 1), ",");
      if (items.size() > 1 || s.contains("\\pm")) {
        return unordered(items);
      }
    }
    List<String> items = split(s, ",");
    if (items.size() > 1) {
      return unordered(items);
    }
    if (s.contains("\\pm") || s.contains("\\mp")) {
      String t = s.replace("\\mp", "\\pm");
      int at = t.indexOf("\\pm");
      String rest = t.substring(at + 3);
      String head = t.substring(0, at);
      return unordered(List.of(head + "+" + rest, head + "-(" + rest + ")"));
    }
    if (WORD.matcher(s.replaceAll("\\\\[a-zA-Z]+", " ")).find()) {
      return null;
    }
    MathExpression e = MathExpression.tryParse(s);
    return e == null ? null : new Shape.Single(s, e);
  }

  private static Shape ordered(char open, char close, List<String> parts) {
    List<Shape> shapes = shapes(parts);
    return shapes == null ? null : new Shape.Ordered(open, close, shapes);
  }

  /** A set; members that are themselves sets (from {@code \pm}) are flattened into it. */
  private static Shape unordered(List<String> parts) {
    List<Shape> shapes = shapes(parts);
    if (shapes == null) {
      return null;
    }
    List<Shape> flat = new ArrayList<>();
    for (Shape s : shapes) {
      if (s instanceof Shape.Unordered u) {
        flat.addAll(u.items());
      } else {
        flat.add(s);
      }
    }
    return new Shape.Unordered(flat);
  }

  private static List<Shape> shapes(List<String> parts) {
    List<Shape> out = new ArrayList<>();
    for (String p : parts) {
      Shape sh = shape(p);
      if (sh == null) {
        return null;
      }
      out.add(sh);
    }
    return out;
  }

  /** Whether the bracket opening the text closes at its last character. */
  private static boolean closes(String s) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
        if (depth == 0 && i < s.length() - 1) {
          return false;
        }
      }
    }
    return depth == 0;
  }

  /** Splits at a separator outside brackets. */
  static List<String> split(String s, String separator) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (depth == 0 && s.startsWith(separator, i)) {
        if (separator.equals("=") && i > 0 && "<>!\\".indexOf(s.charAt(i - 1)) >= 0) {
          continue;
        }
        parts.add(s.substring(start, i));
        start = i + separator.length();
        i = start - 1;
      }
    }
    parts.add(s.substring(start));
    return parts.stream().map(String::strip).toList();
  }

  /** The structure of an answer. */
  sealed interface Shape {
    boolean matches(Shape other);

    record Single(String text, MathExpression expression) implements Shape {
      @Override
      public boolean matches(Shape other) {
        if (other instanceof Equation eq) {
          return eq.matches(this);
        }
        return other instanceof Single s && sameFunction(expression, s.expression);
      }
    }

    record Ordered(char open, char close, List<Shape> items) implements Shape {
      @Override
      public boolean matches(Shape other) {
        if (!(other instanceof Ordered o)
            || o.open != open
            || o.close != close
            || o.items.size() != items.size()) {
          return false;
        }
        for (int i = 0; i < items.size(); i++) {
          if (!items.get(i).matches(o.items.get(i))) {
            return false;
          }
        }
        return true;
      }
    }

    record Unordered(List<Shape> items) implements Shape {
      @Override
      public boolean matches(Shape other) {
        if (!(other instanceof Unordered o) || o.items.size() != items.size()) {
          return false;
        }
        boolean[] used = new boolean[items.size()];
        for (Shape mine : items) {
          boolean found = false;
          for (int j = 0; j < used.length && !found; j++) {
            if (!used[j] && mine.matches(o.items.get(j))) {
              used[j] = true;
              found = true;
            }
          }
          if (!found) {
            return false;
          }
        }
        return true;
      }
    }

    record Equation(Shape lhs, Shape rhs) implements Shape {
      @Override
      public boolean matches(Shape other) {
        if (other instanceof Equation e) {
          return (lhs.matches(e.lhs) && rhs.matches(e.rhs))
              || (lhs.matches(e.rhs) && rhs.matches(e.lhs));
        }
        return isVariable(lhs) && rhs.matches(other);
      }

      private static boolean isVariable(Shape s) {
        return s instanceof Single single
            && single.text().matches("[a-zA-Z](_\\w+)?|\\\\[a-zA-Z]+");
      }
    }
  }

  /** Whether two expressions agree exactly (no variables) or at every sample point. */
  static boolean sameFunction(MathExpression a, MathExpression b) {
    Set<String> vars = new TreeSet<>(a.variables());
    vars.addAll(b.variables());
    if (vars.isEmpty()) {
      MathValue va = a.evaluate(Map.of());
      MathValue vb = b.evaluate(Map.of());
      return va.closeTo(vb, DEFAULT_TOLERANCE);
    }
    int agreed = 0;
    for (int p = 0; p < SAMPLE_POINTS; p++) {
      Map<String, Double> point = new HashMap<>();
      int j = 0;
      for (String v : vars) {
        point.put(v, sample(p, j++));
      }
      MathValue va = a.evaluate(point);
      MathValue vb = b.evaluate(point);
      if (!va.defined() && !vb.defined()) {
        continue;
      }
      if (!va.closeTo(vb, 1e-7)) {
        return false;
      }
      agreed++;
    }
    return agreed > 0;
  }

  /** A deterministic, unremarkable value for variable j at point p (avoids 0, 1 and integers). */
  private static double sample(int p, int j) {
    double base = 0.37 + 0.61 * ((p * 5 + j * 3) % 11) + 0.013 * j;
    return p % 3 == 2 ? -base : base;
  }
}
