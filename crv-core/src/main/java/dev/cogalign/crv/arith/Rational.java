package dev.cogalign.crv.arith;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exact fraction of two {@link BigInteger}s, always reduced, the denominator positive.
 *
 * <p>Parses the numerals of calculator-annotated CoTs: {@code 1,234.5}, {@code 3/4}, {@code -0.25},
 * {@code .5}, {@code 50%} (one hundredth of 50), {@code 1e3}.
 */
public final class Rational implements Comparable<Rational> {
  public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
  public static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);
  public static final Rational HUNDRED = new Rational(BigInteger.valueOf(100), BigInteger.ONE);

  /** Largest exponent {@link #pow} accepts, to keep results a sane size. */
  public static final int MAX_EXPONENT = 10_000;

  private static final Pattern DECIMAL =
      Pattern.compile("([+-]?)(\\d{1,3}(?:,\\d{3})+|\\d*)(?:\\.(\\d*))?(?:[eE]([+-]?\\d{1,4}))?");
  private static final Pattern FRACTION = Pattern.compile("([+-]?\\d+)\\s*/\\s*([+-]?\\d+)");

  private final BigInteger numerator;
  private final BigInteger denominator;

  private Rational(BigInteger numerator, BigInteger denominator) {
    this.numerator = numerator;
    this.denominator = denominator;
  }

  public static Rational of(long value) {
    return new Rational(BigInteger.valueOf(value), BigInteger.ONE);
  }

  public static Rational of(BigInteger value) {
    return new Rational(value, BigInteger.ONE);
  }

  public static Rational of(long numerator, long denominator) {
    return of(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
  }

  /** The reduced fraction; throws {@link ArithmeticException} on a zero denominator. */
  public static Rational of(BigInteger numerator, BigInteger denominator) {
    if (denominator.signum() == 0) {
      throw new ArithmeticException("division by zero: " + numerator + "/0");
    }
    if (denominator.signum() < 0) {
      numerator = numerator.negate();
      denominator = denominator.negate();
    }
    BigInteger gcd = numerator.gcd(denominator);
    if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
      numerator = numerator.divide(gcd);
      denominator = denominator.divide(gcd);
    }
    if (numerator.signum() == 0) {
      denominator = BigInteger.ONE;
    }
    return new Rational(numerator, denominator);
  }

  public static Rational of(BigDecimal value) {
    if (value.scale() <= 0) {
      return of(value.toBigIntegerExact());
    }
    return of(value.unscaledValue(), BigInteger.TEN.pow(value.scale()));
  }

  /**
   * Parses a numeral: optional sign, digits with optional thousands separators, optional decimal
   * part and exponent, or {@code a/b}, optionally followed by {@code %}.
   *
   * @throws NumberFormatException naming the text when it is not a numeral
   */
  public static Rational parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.strip();
    boolean percent = s.endsWith("%");
    if (percent) {
      s = s.substring(0, s.length() - 1).strip();
    }
    Rational value = parseBare(s, text);
    return percent ? value.divide(HUNDRED) : value;
  }

  /** The numeral's value, or null when the text is not a numeral. */
  public static Rational tryParse(String text) {
    try {
      return parse(text);
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  private static Rational parseBare(String s, String original) {
    Matcher fraction = FRACTION.matcher(s);
    if (fraction.matches()) {
      return of(new BigInteger(fraction.group(1)), new BigInteger(fraction.group(2)));
    }
    Matcher m = DECIMAL.matcher(s);
    if (!m.matches()) {
      throw new NumberFormatException("not a number: '" + original + "'");
    }
    String integer = m.group(2).replace(",", "");
    String fractionDigits = m.group(3) == null ? "" : m.group(3);
    if (integer.isEmpty() && fractionDigits.isEmpty()) {
      throw new NumberFormatException("not a number: '" + original + "'");
    }
    BigInteger unscaled = new BigInteger((integer.isEmpty() ? "0" : integer) + fractionDigits);
    if ("-".equals(m.group(1))) {
      unscaled = unscaled.negate();
    }
    int scale = fractionDigits.length() - (m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
    if (scale >= 0) {
      return of(unscaled, BigInteger.TEN.pow(scale));
    }
    return of(unscaled.multiply(BigInteger.TEN.pow(-scale)));
  }

  public BigInteger numerator() {
    return numerator;
  }

  public BigInteger denominator() {
    return denominator;
  }

  public Rational add(Rational other) {
    return of(
        numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
        denominator.multiply(other.denominator));
  }

  public Rational subtract(Rational other) {
    return add(other.negate());
  }

  public Rational multiply(Rational other) {
    return of(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
  }

  /** The quotient; throws {@link ArithmeticException} when dividing by zero. */
  public Rational divide(Rational other) {
    if (other.signum() == 0) {
      throw new ArithmeticException("division by zero: " + this + "/0");
    }
    return of(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
  }

  public Rational negate() {
    return new Rational(numerator.negate(), denominator);
  }

  public Rational abs() {
    return signum() < 0 ? negate() : this;
  }

  /** This to an integer power, negative exponents included (0 to a negative power throws). */
  public Rational pow(int exponent) {
    if (Math.abs(exponent) > MAX_EXPONENT) {
      throw new ArithmeticException(
          "exponent " + exponent + " is beyond the limit of " + MAX_EXPONENT);
    }
    if (exponent < 0) {
      return ONE.divide(pow(-exponent));
    }
    return new Rational(numerator.pow(exponent), denominator.pow(exponent));
  }

  public int signum() {
    return numerator.signum();
  }

  public boolean isInteger() {
    return denominator.equals(BigInteger.ONE);
  }

  /** Whether the value has a finite decimal expansion (denominator of the form 2^a 5^b). */
  public boolean isTerminatingDecimal() {
    BigInteger d = denominator;
    BigInteger two = BigInteger.TWO;
    BigInteger five = BigInteger.valueOf(5);
    while (d.mod(two).signum() == 0) {
      d = d.divide(two);
    }
    while (d.mod(five).signum() == 0) {
      d = d.divide(five);
    }
    return d.equals(BigInteger.ONE);
  }

  /** The integer value; throws {@link ArithmeticException} when this is not an integer. */
  public BigInteger toBigIntegerExact() {
    if (!isInteger()) {
      throw new ArithmeticException(this + " is not an integer");
    }
    return numerator;
  }

  /** The value rounded half-up to the given number of decimal places. */
  public Rational round(int decimals) {
    return of(toBigDecimal(decimals, RoundingMode.HALF_UP));
  }

  public BigDecimal toBigDecimal(int decimals, RoundingMode mode) {
    return new BigDecimal(numerator).divide(new BigDecimal(denominator), decimals, mode);
  }

  public double doubleValue() {
    return new BigDecimal(numerator)
        .divide(new BigDecimal(denominator), MathContext.DECIMAL64)
        .doubleValue();
  }

  /**
   * Plain decimal notation when the expansion terminates ({@code 24}, {@code 0.2}, {@code -1.25}),
   * otherwise {@code a/b}.
   */
  public String toPlainString() {
    if (isInteger()) {
      return numerator.toString();
    }
    if (isTerminatingDecimal()) {
      return new BigDecimal(numerator)
          .divide(new BigDecimal(denominator), MathContext.UNLIMITED)
          .stripTrailingZeros()
          .toPlainString();
    }
    return numerator + "/" + denominator;
  }

  @Override
  public int compareTo(Rational other) {
    return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rational r
        && numerator.equals(r.numerator)
        && denominator.equals(r.denominator);
  }

  @Override
  public int hashCode() {
    return 31 * numerator.hashCode() + denominator.hashCode();
  }

  /** {@code a/b}, or {@code a} for integers. */
  @Override
  public String toString() {
    return isInteger() ? numerator.toString() : numerator + "/" + denominator;
  }
}
