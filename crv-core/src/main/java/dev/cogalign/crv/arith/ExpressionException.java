package dev.cogalign.crv.arith;

/** A text that is not a well-formed arithmetic expression. */
public class ExpressionException extends IllegalArgumentException {
  private final String source;
  private final int position;

  public ExpressionException(String source, int position, String message) {
    super(message + " at position " + position + " in '" + source + "'");
    this.source = source;
    this.position = position;
  }

  public String source() {
    return source;
  }

  public int position() {
    return position;
  }
}
