package dev.cogalign.crv.answer;

import dev.cogalign.crv.arith.Rational;

/**
 * A value of a {@link MathExpression}: exact while only rational arithmetic is involved, a double
 * otherwise.
 *
 * @param exact the exact value, null once an irrational operation or a sample point is involved
 * @param approx the value as a double (NaN when undefined)
 */
public record MathValue(Rational exact, double approx) {
  /** Relative tolerance for values that are not both exact. */
  public static final double DEFAULT_TOLERANCE = 1e-9;

  public static MathValue of(Rational exact) {
    return new MathValue(exact, exact.doubleValue());
  }

  public static MathValue approx(double value) {
    return new MathValue(null, value);
  }

  public boolean defined() {
    return !Double.isNaN(approx);
  }

  /** Equal exactly when both are exact, else within the relative tolerance (infinities by sign). */
  public boolean closeTo(MathValue other, double tolerance) {
    if (exact != null && other.exact != null) {
      return exact.equals(other.exact);
    }
    double a = approx;
    double b = other.approx;
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return false;
    }
    if (Double.isInfinite(a) || Double.isInfinite(b)) {
      return a == b;
    }
    return Math.abs(a - b) <= tolerance * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
  }
}
