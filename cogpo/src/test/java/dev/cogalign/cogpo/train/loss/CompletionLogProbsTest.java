package dev.cogalign.cogpo.train.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cogalign.cogpo.train.data.SequenceBatch;
import dev.cogalign.cogpo.train.data.TokenizedExample;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionLogProbsTest {

  private static final float LN3 = (float) Math.log(3);

  @Test
  void sumsOnlyCompletionTokensEachPredictedByThePreviousPosition() {
    // V = 2. logits [0, ln3] give p = (1/4, 3/4); [ln3, 0] give (3/4, 1/4).
    // row 0: prompt [0], completion [1, 0] — token 1 at t=1 predicted by t=0 (p=3/4),
    //        token 0 at t=2 predicted by t=1 (p=3/4): sum = 2·ln(3/4) = −0.57536414
    // row 1: prompt [0, 1], completion [1], padded to 3 — token 1 at t=2 predicted by t=1
    //        whose logits [ln3, 0] give p(1) = 1/4: ln(1/4) = −1.38629436
    SequenceBatch batch =
        SequenceBatch.of(
            List.of(
                new TokenizedExample(new int[] {0}, new int[] {1, 0}),
                new TokenizedExample(new int[] {0, 1}, new int[] {1})),
            0);
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] rowLogits = {0, LN3, LN3, 0, 7, -7};
      float[] logits = new float[12];
      System.arraycopy(rowLogits, 0, logits, 0, 6);
      System.arraycopy(rowLogits, 0, logits, 6, 6);
      NDArray sums =
          CompletionLogProbs.sums(
              manager.create(logits, new Shape(2, 3, 2)),
              batch.idsArray(manager),
              batch.completionMaskArray(manager));
      float[] s = sums.toFloatArray();
      assertThat(s[0]).isCloseTo(-0.57536414f, within(1e-6f));
      assertThat(s[1]).isCloseTo(-1.38629436f, within(1e-6f));
    }
  }
}
