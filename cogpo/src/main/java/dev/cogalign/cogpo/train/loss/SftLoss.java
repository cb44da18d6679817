package dev.cogalign.cogpo.train.loss;

import ai.djl.ndarray.NDArray;
import dev.cogalign.cogpo.model.Scalars;

/**
 * Supervised fine-tuning loss: the mean negative log-likelihood per completion token over the
 * batch, −Σ_r log p(completion_r | prompt_r) / Σ_r |completion_r| (a token-level mean, so long
 * completions weigh by their length, as in transformers' causal-LM loss).
 */
public final class SftLoss {

  private SftLoss() {}

  /** The loss and the token count it averages over. */
  public record Result(NDArray loss, long tokens) {}

  /**
   * @param logProbSums (R) summed completion log-probs per row
   * @param scoredTokens per row, the number of tokens summed
   * @return a scalar loss, differentiable through {@code logProbSums}
   */
  public static Result compute(NDArray logProbSums, int[] scoredTokens) {
    long tokens = 0;
    for (int n : scoredTokens) {
      tokens += n;
    }
    if (tokens == 0) {
      throw new IllegalArgumentException("no completion tokens to score");
    }
    return new Result(Scalars.div(logProbSums.sum().neg(), tokens), tokens);
  }
}
