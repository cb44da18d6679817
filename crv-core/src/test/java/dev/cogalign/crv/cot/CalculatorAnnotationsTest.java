package dev.cogalign.crv.cot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CalculatorAnnotationsTest {
  @Test
  void removesEveryAnnotationAndKeepsTheLinesAndTheAnswer() {
    String cot =
        "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\n"
            + "Natalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n"
            + "#### 72";
    assertThat(CalculatorAnnotations.strip(cot))
        .isEqualTo(
            "Natalia sold 48/2 = 24 clips in May.\n"
                + "Natalia sold 48+24 = 72 clips altogether in April and May.\n"
                + "#### 72");
  }

  @Test
  void removesMalformedAnnotationsAndSeveralOnALine() {
    assertThat(CalculatorAnnotations.strip("a <<3*4>>12 and <<2+2=4>>4, <<1=1>>1"))
        .isEqualTo("a 12 and 4, 1");
  }

  @Test
  void leavesTextWithoutAnnotationsAndUnclosedMarkersAlone() {
    assertThat(CalculatorAnnotations.strip("x << y\n>> z")).isEqualTo("x << y\n>> z");
    assertThat(CalculatorAnnotations.strip("2 + 3 = 5\n#### 5")).isEqualTo("2 + 3 = 5\n#### 5");
  }
}
