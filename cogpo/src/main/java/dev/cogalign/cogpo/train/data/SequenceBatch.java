package dev.cogalign.cogpo.train.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Rows of prompt + completion token ids, right-padded to one length T.
 *
 * <p>Legend: R rows, T the longest row. {@code completionMask[r][t]} is 1 where token t of row r is
 * a completion token that is scored, i.e. predicted by the logits at position t − 1; prompt tokens,
 * padding and a completion token at position 0 (nothing predicts it) are 0. Padding uses token id
 * {@code padId} and attention mask 0.
 *
 * @param rows R
 * @param length T
 * @param ids token ids, row-major (R·T)
 * @param attentionMask 1 for real tokens, 0 for padding (R·T)
 * @param completionMask 1 for scored completion tokens (R·T)
 * @param scoredTokens per row, the number of scored completion tokens
 */
public record SequenceBatch(
    int rows,
    int length,
    long[] ids,
    int[] attentionMask,
    int[] completionMask,
    int[] scoredTokens) {

  public SequenceBatch {
    if (ids.length != (long) rows * length
        || attentionMask.length != ids.length
        || completionMask.length != ids.length
        || scoredTokens.length != rows) {
      throw new IllegalArgumentException("arrays do not match " + rows + " rows of " + length);
    }
  }

  /** Right-pads each (prompt, completion) row to the longest row. */
  public static SequenceBatch of(List<TokenizedExample> examples, long padId) {
    int rows = examples.size();
    int length = 1;
    for (TokenizedExample e : examples) {
      length = Math.max(length, e.length());
    }
    long[] ids = new long[rows * length];
    int[] attention = new int[rows * length];
    int[] completion = new int[rows * length];
    int[] scored = new int[rows];
    for (int r = 0; r < rows; r++) {
      TokenizedExample e = examples.get(r);
      int base = r * length;
      int p = e.promptIds().length;
      for (int t = 0; t < length; t++) {
        if (t < e.length()) {
          ids[base + t] = t < p ? e.promptIds()[t] : e.completionIds()[t - p];
          attention[base + t] = 1;
          if (t >= p && t > 0) {
            completion[base + t] = 1;
            scored[r]++;
          }
        } else {
          ids[base + t] = padId;
        }
      }
    }
    return new SequenceBatch(rows, length, ids, attention, completion, scored);
  }

  /** Position of row r's first scored token (its scored tokens follow contiguously), or -1. */
  public int firstScored(int row) {
    for (int t = 0; t < length; t++) {
      if (completionMask[row * length + t] == 1) {
        return t;
      }
    }
    return -1;
  }

  /** Total number of real (non-padding) tokens. */
  public long realTokens() {
    long n = 0;
    for (int a : attentionMask) {
      n += a;
    }
    return n;
  }

  /** Total number of scored completion tokens. */
  public long totalScoredTokens() {
    long n = 0;
    for (int s : scoredTokens) {
      n += s;
    }
    return n;
  }

  /** Token ids as an int64 (R, T) array. */
  public NDArray idsArray(NDManager manager) {
    return manager.create(ids, new Shape(rows, length));
  }

  /** Attention mask as an int64 (R, T) array (1 = real token). */
  public NDArray attentionMaskArray(NDManager manager) {
    long[] mask = new long[attentionMask.length];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = attentionMask[i];
    }
    return manager.create(mask, new Shape(rows, length));
  }

  /** Completion mask as a float32 (R, T) array (1 = scored completion token). */
  public NDArray completionMaskArray(NDManager manager) {
    float[] mask = new float[completionMask.length];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = completionMask[i];
    }
    return manager.create(mask, new Shape(rows, length));
  }
}
