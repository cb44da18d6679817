package dev.cogalign.launcher.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CriticComparisonTest {

  @Test
  void kappaIsTheAgreementBeyondChance() {
    // 100 CoTs: the raters agree on 40 + 30 = 70; rows 50/50, columns 60/40 → chance 0.3 + 0.2
    long[][] matrix = {{40, 10, 0}, {20, 30, 0}, {0, 0, 0}};

    assertThat(CriticComparison.kappa(matrix)).isCloseTo((0.7 - 0.5) / (1 - 0.5), within(1e-12));
  }

  @Test
  void kappaIsZeroWhenOneRaterGivesOneVerdictToEverything() {
    long[][] matrix = {{17, 183, 0}, {0, 0, 0}, {0, 0, 0}};

    assertThat(CriticComparison.kappa(matrix)).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void kappaIsOneForPerfectAgreement() {
    long[][] matrix = {{5, 0, 0}, {0, 3, 0}, {0, 0, 2}};

    assertThat(CriticComparison.kappa(matrix)).isCloseTo(1.0, within(1e-12));
  }
}
