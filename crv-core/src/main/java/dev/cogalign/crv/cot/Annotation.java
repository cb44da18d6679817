package dev.cogalign.crv.cot;

import dev.cogalign.crv.arith.ArithmeticExpression;
import dev.cogalign.crv.arith.Rational;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GSM8K calculator annotation {@code <<expression=value>>}: what the calculator was asked and the
 * result the author wrote.
 */
public record Annotation(String expression, String value) {
  /** {@code <<...>>} holding no angle brackets; the last {@code =} separates the result. */
  static final Pattern PATTERN = Pattern.compile("<<([^<>]*)=([^<>=]*)>>");

  public Annotation {
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(value, "value");
    if (expression.contains(">>") || value.contains(">>") || value.contains("=")) {
      throw new IllegalArgumentException(
          "malformed annotation <<" + expression + "=" + value + ">>");
    }
  }

  /** The annotation for a computed result, its value written in plain decimal form. */
  public static Annotation of(String expression, Rational value) {
    return new Annotation(expression, value.toPlainString());
  }

  /** Every annotation in the text, left to right. */
  public static List<Annotation> findIn(String text) {
    List<Annotation> out = new ArrayList<>();
    Matcher m = PATTERN.matcher(text);
    while (m.find()) {
      out.add(new Annotation(m.group(1), m.group(2)));
    }
    return out;
  }

  /** The text with every annotation removed (what a reader sees). */
  public static String strip(String text) {
    return PATTERN.matcher(text).replaceAll("");
  }

  /** {@code <<expression=value>>}. */
  public String render() {
    return "<<" + expression + "=" + value + ">>";
  }

  /** Recomputes the expression exactly and compares it with the written value. */
  public AnnotationCheck check() {
    return AnnotationCheck.of(this);
  }

  /** The parsed expression; throws {@link IllegalArgumentException} when malformed. */
  public ArithmeticExpression parsedExpression() {
    return ArithmeticExpression.parse(expression);
  }
}
