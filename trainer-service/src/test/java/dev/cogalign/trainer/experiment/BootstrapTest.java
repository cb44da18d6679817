package dev.cogalign.trainer.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapTest {

  private static boolean[] outcomes(int correct, int total) {
    boolean[] out = new boolean[total];
    for (int i = 0; i < correct; i++) {
      out[i] = true;
    }
    return out;
  }

  @Test
  void meanIsTheAccuracyOverAllReplicatesProblems() {
    Bootstrap.Interval i = Bootstrap.mean(List.of(outcomes(50, 100), outcomes(70, 100)), 2000, 1);
    assertThat(i.estimate()).isCloseTo(0.6, within(1e-12));
    assertThat(i.low()).isBetween(0.45, 0.58);
    assertThat(i.high()).isBetween(0.62, 0.75);
  }

  @Test
  void intervalOfACertainOutcomeHasNoWidth() {
    Bootstrap.Interval i = Bootstrap.mean(List.of(outcomes(40, 40), outcomes(40, 40)), 500, 1);
    assertThat(i.low()).isEqualTo(1.0);
    assertThat(i.high()).isEqualTo(1.0);
  }

  @Test
  void binomialIntervalMatchesTheNormalApproximation() {
    // one replicate of 400 problems at 30%: the normal 95% half-width is 1.96 * sqrt(.3*.7/400)
    Bootstrap.Interval i = Bootstrap.mean(List.of(outcomes(120, 400)), 4000, 7);
    double halfWidth = 1.96 * Math.sqrt(0.3 * 0.7 / 400);
    assertThat(i.high() - i.low()).isCloseTo(2 * halfWidth, within(0.01));
  }

  @Test
  void pairedDifferenceOfAnArmWithItselfIsExactlyZero() {
    List<boolean[]> a = List.of(outcomes(10, 30), outcomes(20, 30));
    Bootstrap.Interval d = Bootstrap.difference(a, a, 500, 3);
    assertThat(d.estimate()).isZero();
    assertThat(d.low()).isZero();
    assertThat(d.high()).isZero();
  }

  @Test
  void differenceOfClearlySeparatedArmsExcludesZero() {
    List<boolean[]> crv = List.of(outcomes(240, 400), outcomes(260, 400));
    List<boolean[]> teacher = List.of(outcomes(20, 400), outcomes(24, 400));
    Bootstrap.Interval d = Bootstrap.difference(crv, teacher, 1000, 5);
    assertThat(d.estimate()).isCloseTo(0.57, within(1e-12));
    assertThat(d.low()).isGreaterThan(0.4);
  }

  @Test
  void refusesArmsEvaluatedOnDifferentProblemCounts() {
    assertThatThrownBy(
            () -> Bootstrap.difference(List.of(outcomes(1, 10)), List.of(outcomes(1, 11)), 10, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10 problems against 11");
  }
}
