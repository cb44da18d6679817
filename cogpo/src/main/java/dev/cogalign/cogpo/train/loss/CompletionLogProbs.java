package dev.cogalign.cogpo.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import dev.cogalign.cogpo.model.DecoderModel;
import dev.cogalign.cogpo.model.Scalars;
import dev.cogalign.cogpo.train.data.SequenceBatch;

/**
 * Per-row sums of completion-token log-probs, summed the way transformers-based trainers sum them.
 *
 * <p>A float32 sum of ~40 log-probs near −250 carries a few units in the last place (ulp ≈ 1.5e−5)
 * of rounding that depends on the order of the additions. Summing a masked, padded row (zeros for
 * prompt and padding) reorders the additions against the reference's {@code
 * token_logps[prompt_len−1:].sum()} and moves Δ by up to ~5e−5, which β = 2 turns into a 2e−5
 * relative error of the loss. Summing each row's contiguous completion slice, as the reference
 * does, gives the same float32 sums (measured: equal, or one ulp apart) — so this sums slices.
 */
public final class CompletionLogProbs {

  private CompletionLogProbs() {}

  /**
   * @param model the model scoring the batch
   * @param batch the rows, padded
   * @param ids the batch's ids, (R, T), in the caller's scope
   * @param attentionMask the batch's mask, (R, T)
   * @return (R) float32, differentiable with respect to the model's parameters
   */
  public static NDArray sums(
      DecoderModel model, SequenceBatch batch, NDArray ids, NDArray attentionMask) {
    NDArray tokens = model.tokenLogProbs(ids, attentionMask); // (R, T-1): entry t scores t+1
    return sums(tokens, batch);
  }

  /** Row sums of {@code tokenLogProbs} (R, T−1) over each row's scored completion slice. */
  public static NDArray sums(NDArray tokenLogProbs, SequenceBatch batch) {
    NDList rows = new NDList(batch.rows());
    for (int r = 0; r < batch.rows(); r++) {
      int n = batch.scoredTokens()[r];
      if (n == 0) {
        rows.add(Scalars.mul(tokenLogProbs.get(new NDIndex("{}, 0:1", r)).sum(), 0));
        continue;
      }
      int from = batch.firstScored(r) - 1; // token t is scored by entry t−1
      rows.add(tokenLogProbs.get(new NDIndex("{}, {}:{}", r, from, from + n)).sum());
    }
    return NDArrays.stack(rows); // (R)
  }
}
