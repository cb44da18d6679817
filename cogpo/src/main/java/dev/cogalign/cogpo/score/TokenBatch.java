package dev.cogalign.cogpo.score;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;

/**
 * Prompt/completion rows right-padded into one (B, T) batch, with the masks the model needs.
 *
 * @param inputIds (B, T) prompt then completion then padding
 * @param attentionMask (B, T) 1 on real tokens
 * @param completionMask (B, T) 1 on completion tokens (the ones whose log-prob is summed)
 */
public record TokenBatch(long[][] inputIds, long[][] attentionMask, long[][] completionMask) {

  /** Right-pads the rows to the longest one. */
  public static TokenBatch rightPadded(List<PromptCompletion> rows, int padTokenId) {
    int width = rows.stream().mapToInt(PromptCompletion::length).max().orElse(0);
    long[][] ids = new long[rows.size()][width];
    long[][] attention = new long[rows.size()][width];
    long[][] completion = new long[rows.size()][width];
    for (int i = 0; i < rows.size(); i++) {
      PromptCompletion row = rows.get(i);
      Arrays.fill(ids[i], padTokenId);
      int p = row.prompt().length;
      for (int j = 0; j < p; j++) {
        ids[i][j] = row.prompt()[j];
        attention[i][j] = 1;
      }
      for (int j = 0; j < row.completion().length; j++) {
        ids[i][p + j] = row.completion()[j];
        attention[i][p + j] = 1;
        completion[i][p + j] = 1;
      }
    }
    return new TokenBatch(ids, attention, completion);
  }

  public int size() {
    return inputIds.length;
  }

  public NDArray inputIds(NDManager manager) {
    return manager.create(inputIds);
  }

  public NDArray attentionMask(NDManager manager) {
    return manager.create(attentionMask);
  }

  public NDArray completionMask(NDManager manager) {
    return manager.create(completionMask);
  }
}
