package dev.cogalign.cogpo.train.loss;

import ai.djl.ndarray.NDArray;

/** Per-row sums of completion-token log-probabilities, the quantity DPO and CogPO compare. */
public final class CompletionLogProbs {

  private CompletionLogProbs() {}

  /**
   * Sum over t of log softmax(logits[r, t−1])[ids[r, t]] for the positions where {@code
   * completionMask[r, t]} is 1.
   *
   * <p>Legend: R rows, T tokens, V vocabulary.
   *
   * @param logits (R, T, V) float
   * @param ids (R, T) int64 token ids
   * @param completionMask (R, T) float, 1 = scored completion token
   * @return (R) float, differentiable with respect to {@code logits}
   */
  public static NDArray sums(NDArray logits, NDArray ids, NDArray completionMask) {
    NDArray logProbs = logits.get(":, :-1, :").logSoftmax(-1); // (R, T-1, V)
    NDArray targets = ids.get(":, 1:").expandDims(-1); // (R, T-1, 1)
    NDArray tokenLogProbs = logProbs.gather(targets, 2).squeeze(-1); // (R, T-1)
    return tokenLogProbs.mul(completionMask.get(":, 1:")).sum(new int[] {1}); // (R)
  }
}
