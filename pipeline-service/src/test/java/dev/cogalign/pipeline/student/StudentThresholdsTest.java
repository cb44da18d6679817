package dev.cogalign.pipeline.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudentThresholdsTest {

  private static CotScore cot(double... perToken) {
    List<CotScore.Step> steps = new ArrayList<>();
    for (int i = 0; i < perToken.length; i++) {
      steps.add(new CotScore.Step(i, "s" + i, 10, 10 * perToken[i], perToken[i]));
    }
    return new CotScore(1, steps, 10 * perToken.length, 0);
  }

  @Test
  void quantileInterpolatesBetweenOrderStatistics() {
    double[] values = {5, 1, 4, 2, 3};

    assertThat(StudentThresholds.quantile(values, 0.0)).isEqualTo(1.0);
    assertThat(StudentThresholds.quantile(values, 0.5)).isEqualTo(3.0);
    assertThat(StudentThresholds.quantile(values, 0.95)).isCloseTo(4.8, within(1e-12));
    assertThat(StudentThresholds.quantile(values, 1.0)).isEqualTo(5.0);
  }

  @Test
  void calibratesEveryThresholdFromTheStudentsOwnScores() {
    // 20 steps at 0.1, 0.2, …, 2.0 nats per token over CoTs of 2, 3, 5 and 10 steps
    List<CotScore> sample =
        List.of(
            cot(0.1, 0.2),
            cot(0.3, 0.4, 0.5),
            cot(0.6, 0.7, 0.8, 0.9, 1.0),
            cot(1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0));

    StudentThresholds t = StudentThresholds.calibrate(sample);

    assertThat(t.jumpNllPerToken()).isCloseTo(1.905, within(1e-9)); // 0.1 + 0.95 * 19 * 0.1
    assertThat(t.trivialNllPerToken()).isCloseTo(0.29, within(1e-9)); // 0.1 + 0.1 * 19 * 0.1
    assertThat(t.maxSteps()).isEqualTo(19); // ceil(2 * (5 + 0.85 * 5)) = ceil(18.5)
    // trivial shares 1.0, 0.0, 0.0, 0.0 (only the first CoT's steps are at most 0.29)
    assertThat(t.maxTrivialShare()).isCloseTo(0.85, within(1e-9));
  }

  @Test
  void refusesAnEmptySample() {
    assertThatThrownBy(() -> StudentThresholds.calibrate(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no CoT to calibrate on");
  }

  @Test
  void refusesATrivialThresholdAboveTheJumpThreshold() {
    assertThatThrownBy(() -> new StudentThresholds(1.0, 2.0, 5, 0.5))
        .hasMessage("trivial threshold 2.0 is above the jump threshold 1.0");
  }
}
