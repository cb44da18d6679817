package dev.cogalign.crv.cot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.crv.arith.Rational;
import dev.cogalign.crv.cot.AnnotationCheck.Status;
import org.junit.jupiter.api.Test;

class AnnotationCheckTest {

  @Test
  void acceptsExactResultsWrittenInAnyNumeralForm() {
    assertThat(new Annotation("8*18", "144.00").check().status()).isEqualTo(Status.EXACT);
    assertThat(new Annotation("80000+50000", "130000").check().holds()).isTrue();
    assertThat(new Annotation("3/4", "3/4").check().status()).isEqualTo(Status.EXACT);
    AnnotationCheck c = new Annotation("16-3-4", "9").check();
    assertThat(c.operations()).isEqualTo(2);
    assertThat(c.maxOperandDigits()).isEqualTo(2);
    assertThat(c.computed()).isEqualTo(Rational.of(9));
  }

  @Test
  void acceptsANonTerminatingResultRoundedToTheDecimalsWrittenOnly() {
    assertThat(new Annotation("10/3", "3.33").check().status()).isEqualTo(Status.ROUNDED);
    assertThat(new Annotation("45/7", "6.43").check().holds()).isTrue();
    assertThat(new Annotation("10/3", "3.34").check().status()).isEqualTo(Status.WRONG);
    assertThat(new Annotation("10/3", "3").check().status()).isEqualTo(Status.WRONG);
    assertThat(new Annotation("10/4", "2.6").check().status()).isEqualTo(Status.WRONG);
  }

  @Test
  void namesTheTrueValueOfAWrongAnnotation() {
    AnnotationCheck c = new Annotation("9*2", "19").check();
    assertThat(c.holds()).isFalse();
    assertThat(c.message()).isEqualTo("<<9*2=19>> is wrong: 9*2 = 18");
  }

  @Test
  void reportsWhatCannotBeComputed() {
    assertThat(new Annotation("5/0", "0").check().status()).isEqualTo(Status.UNREADABLE);
    assertThat(new Annotation("2x+1", "3").check().status()).isEqualTo(Status.UNREADABLE);
    assertThat(new Annotation("2+1", "three").check().message()).contains("not a number");
  }
}
