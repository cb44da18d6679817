package dev.cogalign.cogpo.train.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * N preference pairs collated as 2N rows: rows 0..N−1 hold prompt + chosen, rows N..2N−1 prompt +
 * rejected, all right-padded to one length, so one forward pass scores both sides.
 *
 * @param sequences the 2N rows
 * @param betas per pair
 * @param miniTasks per pair, entries may be {@code null}
 */
public record PreferenceBatch(SequenceBatch sequences, double[] betas, List<String> miniTasks) {

  public PreferenceBatch {
    if (sequences.rows() != 2 * betas.length || miniTasks.size() != betas.length) {
      throw new IllegalArgumentException(
          sequences.rows() + " rows do not hold " + betas.length + " pairs");
    }
    miniTasks = Collections.unmodifiableList(new ArrayList<>(miniTasks));
  }

  /** Collates the pairs, chosen rows first. */
  public static PreferenceBatch of(List<TokenizedPair> pairs, long padId) {
    List<TokenizedExample> rows = new ArrayList<>(2 * pairs.size());
    double[] betas = new double[pairs.size()];
    List<String> tasks = new ArrayList<>(pairs.size());
    for (TokenizedPair p : pairs) {
      rows.add(p.chosen());
    }
    for (int i = 0; i < pairs.size(); i++) {
      TokenizedPair p = pairs.get(i);
      rows.add(p.rejected());
      betas[i] = p.beta();
      tasks.add(p.miniTask());
    }
    return new PreferenceBatch(SequenceBatch.of(rows, padId), betas, tasks);
  }

  public int pairs() {
    return betas.length;
  }

  /** Scored tokens of each chosen completion. */
  public int[] chosenTokens() {
    int[] n = new int[pairs()];
    System.arraycopy(sequences.scoredTokens(), 0, n, 0, n.length);
    return n;
  }
}
