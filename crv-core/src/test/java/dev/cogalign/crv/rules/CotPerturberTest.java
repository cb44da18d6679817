package dev.cogalign.crv.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.crv.answer.AnswerEquivalence;
import dev.cogalign.crv.cot.Annotation;
import dev.cogalign.crv.cot.Cot;
import dev.cogalign.crv.cot.CotParser;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CotPerturberTest {
  static final String COT =
      "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\n"
          + "Natalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n"
          + "#### 72";

  @Test
  void isDeterministicPerSeedAndVariesAcrossSeeds() {
    Set<String> variants = new HashSet<>();
    for (long seed = 0; seed < 10; seed++) {
      String variant = CotPerturber.perturb(COT, seed);
      assertThat(CotPerturber.perturb(COT, seed)).isEqualTo(variant);
      variants.add(variant);
    }
    assertThat(variants).hasSizeGreaterThan(2);
  }

  @Test
  void breaksOneAnnotationAndCarriesTheErrorToTheAnswer() {
    for (long seed = 0; seed < 10; seed++) {
      Cot variant = CotPerturber.perturb(CotParser.parse(COT), seed);
      List<Annotation> annotations = variant.annotations();
      assertThat(annotations.stream().filter(a -> !a.check().holds())).hasSize(1);
      assertThat(AnswerEquivalence.equivalent(variant.finalAnswer(), "72")).isFalse();
      Annotation last = annotations.get(annotations.size() - 1);
      assertThat(AnswerEquivalence.equivalent(variant.finalAnswer(), last.value()))
          .as("the answer follows the last result")
          .isTrue();
    }
  }

  @Test
  void rewritesTheVisibleCalculationOfALaterStep() {
    Cot first = CotParser.parse(COT);
    for (long seed = 0; seed < 20; seed++) {
      Cot variant = CotPerturber.perturb(first, seed);
      if (!variant.steps().get(0).equals(first.steps().get(0))) {
        String second = variant.steps().get(1).text();
        String wrong = variant.annotations().get(0).value();
        assertThat(second).startsWith("Natalia sold 48 + " + wrong + " = <<48+" + wrong + "=");
        return;
      }
    }
    throw new AssertionError("no seed changed the first step");
  }

  @Test
  void corruptsTheLastNumberOfACotWithoutAnnotations() {
    Cot variant =
        CotPerturber.perturb(CotParser.parse("She had 5 and got 3 more, so 8.\n#### 8"), 1);
    assertThat(variant.finalAnswer()).isNotEqualTo("8");
    assertThat(variant.steps().get(0).text()).doesNotEndWith(" 8.");
    assertThatThrownBy(() -> CotPerturber.perturb(CotParser.parse("No numbers at all."), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
