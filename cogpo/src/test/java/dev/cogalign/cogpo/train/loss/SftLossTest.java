package dev.cogalign.cogpo.train.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class SftLossTest {

  @Test
  void averagesNllOverAllCompletionTokensOfTheBatch() {
    // rows sum to −2 (1 token) and −4 (3 tokens): (2 + 4)/(1 + 3) = 1.5, not (2/1 + 4/3)/2
    try (NDManager manager = NDManager.newBaseManager()) {
      SftLoss.Result r = SftLoss.compute(manager.create(new float[] {-2f, -4f}), new int[] {1, 3});
      assertThat(r.loss().getFloat()).isCloseTo(1.5f, within(1e-7f));
      assertThat(r.tokens()).isEqualTo(4);
    }
  }
}
