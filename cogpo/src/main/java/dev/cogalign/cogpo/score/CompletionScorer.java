package dev.cogalign.cogpo.score;

import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.CogpoException;
import dev.cogalign.cogpo.model.DecoderModel;
import dev.cogalign.cogpo.model.NoGrad;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Sums of completion-token log-probs given the prompt, in batches, without gradients. */
public final class CompletionScorer {

  public static final int DEFAULT_BATCH_SIZE = 8;

  private final DecoderModel model;
  private final int padTokenId;
  private final int batchSize;

  public CompletionScorer(DecoderModel model, int padTokenId, int batchSize) {
    if (batchSize < 1) {
      throw new CogpoException("batch size must be at least 1, got " + batchSize);
    }
    this.model = model;
    this.padTokenId = padTokenId;
    this.batchSize = batchSize;
  }

  /**
   * log p(completion | prompt) of each row, as a sum over the completion's tokens, in input order.
   * Rows are batched by length (longest first) so that little padding is computed. Runs under
   * {@link NoGrad} on any thread: scoring records nothing for autograd.
   */
  public double[] score(List<PromptCompletion> rows) {
    try (NoGrad ignored = NoGrad.enter()) {
      return scoreInOrder(rows);
    }
  }

  private double[] scoreInOrder(List<PromptCompletion> rows) {
    double[] out = new double[rows.size()];
    Integer[] order = new Integer[rows.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt((Integer i) -> -rows.get(i).length()));
    for (int start = 0; start < rows.size(); start += batchSize) {
      int end = Math.min(rows.size(), start + batchSize);
      List<PromptCompletion> chunk = new ArrayList<>(end - start);
      for (int k = start; k < end; k++) {
        chunk.add(rows.get(order[k]));
      }
      TokenBatch batch = TokenBatch.rightPadded(chunk, padTokenId);
      try (NDManager scope = model.manager().newSubManager()) {
        double[] sums =
            model
                .completionLogProbs(
                    batch.inputIds(scope), batch.attentionMask(scope), batch.completionMask(scope))
                .toDoubleArray();
        for (int i = 0; i < sums.length; i++) {
          out[order[start + i]] = sums[i];
        }
      }
    }
    return out;
  }
}
