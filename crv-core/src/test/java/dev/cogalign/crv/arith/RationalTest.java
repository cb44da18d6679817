package dev.cogalign.crv.arith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RationalTest {

  @Test
  void parsesThousandsSeparatorsDecimalsFractionsAndPercentages() {
    assertThat(Rational.parse("1,234.5")).isEqualTo(Rational.of(2469, 2));
    assertThat(Rational.parse("3/4")).isEqualTo(Rational.of(3, 4));
    assertThat(Rational.parse("-0.25")).isEqualTo(Rational.of(-1, 4));
    assertThat(Rational.parse("50%")).isEqualTo(Rational.of(1, 2));
    assertThat(Rational.parse(".5")).isEqualTo(Rational.of(1, 2));
    assertThat(Rational.parse("144.00")).isEqualTo(Rational.of(144));
    assertThat(Rational.parse("1e3")).isEqualTo(Rational.of(1000));
    assertThat(Rational.parse("-6/8")).isEqualTo(Rational.of(-3, 4));
  }

  @Test
  void rejectsTextThatIsNotANumeral() {
    assertThatThrownBy(() -> Rational.parse("12,34")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> Rational.parse("abc")).hasMessageContaining("abc");
    assertThatThrownBy(() -> Rational.parse(".")).isInstanceOf(NumberFormatException.class);
    assertThat(Rational.tryParse("1/0")).isNull();
  }

  @Test
  void computesExactlyWithoutFloatingPointDrift() {
    Rational tenth = Rational.parse("0.1");
    assertThat(tenth.add(Rational.parse("0.2"))).isEqualTo(Rational.parse("0.3"));
    assertThat(Rational.of(1, 3).multiply(Rational.of(3))).isEqualTo(Rational.ONE);
    assertThat(Rational.of(7).divide(Rational.of(2))).isEqualTo(Rational.parse("3.5"));
    assertThat(Rational.of(2, 3).pow(-2)).isEqualTo(Rational.of(9, 4));
    assertThat(Rational.of(5).subtract(Rational.of(8))).isEqualTo(Rational.of(-3));
    assertThatThrownBy(() -> Rational.ONE.divide(Rational.ZERO))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void comparesAndPrintsInPlainNotation() {
    assertThat(Rational.of(1, 3)).isLessThan(Rational.parse("0.34"));
    assertThat(Rational.parse("-1.50").toPlainString()).isEqualTo("-1.5");
    assertThat(Rational.of(10, 3).toPlainString()).isEqualTo("10/3");
    assertThat(Rational.of(10, 3).isTerminatingDecimal()).isFalse();
    assertThat(Rational.of(10, 3).round(2)).isEqualTo(Rational.parse("3.33"));
    assertThat(Rational.of(24).toPlainString()).isEqualTo("24");
  }
}
