package dev.cogalign.cogpo.train.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Walks the data in a fresh seeded order every epoch. The order of epoch e comes from {@code new
 * Random(seed, e)} (and, when grouping by length, the examples' lengths) alone, so the whole
 * sampling state is (epoch, position) and a resumed run draws exactly the examples the
 * uninterrupted run would have. A step never crosses an epoch boundary: the last step of an epoch
 * may be short, as a data loader's last batch is.
 *
 * <p>Grouped by length (transformers' {@code group_by_length}), the shuffled order is cut into
 * mega-batches of {@value #MEGA_BATCH} batches, each sorted by length so that a batch holds rows of
 * similar length and pads little; the batches of a mega-batch are then shuffled, so that a run does
 * not walk from long rows to short ones. Every batch but the epoch's last is full.
 */
public final class EpochSampler {

  /** Batches per mega-batch, as transformers' {@code LengthGroupedSampler} (its default 50). */
  public static final int MEGA_BATCH = 50;

  private final int size;
  private final long seed;
  private final int[] lengths;
  private final int batchSize;
  private int epoch;
  private int position;
  private List<Integer> order;

  /** Uniformly shuffled epochs. */
  public EpochSampler(int size, long seed, int epoch, int position) {
    this(size, seed, epoch, position, null, 1);
  }

  /**
   * Epochs grouped by length when {@code lengths} is given (one per example, the padded length of
   * its row), for steps of {@code batchSize} examples; uniformly shuffled when it is null.
   */
  public EpochSampler(int size, long seed, int epoch, int position, int[] lengths, int batchSize) {
    if (lengths != null && lengths.length != size) {
      throw new IllegalArgumentException(lengths.length + " lengths for " + size + " examples");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size " + batchSize + " must be >= 1");
    }
    this.lengths = lengths;
    this.batchSize = batchSize;
    if (size < 1) {
      throw new IllegalArgumentException("no examples to sample from");
    }
    if (epoch < 0 || position < 0 || position > size) {
      throw new IllegalArgumentException(
          "epoch " + epoch + " position " + position + " outside data of " + size);
    }
    this.size = size;
    this.seed = seed;
    this.epoch = epoch;
    this.position = position;
    this.order = order(epoch);
  }

  private List<Integer> order(int e) {
    List<Integer> indices = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      indices.add(i);
    }
    Random random = new Random(seed * 1_000_003L + e);
    Collections.shuffle(indices, random);
    return lengths == null ? indices : groupedByLength(indices, random);
  }

  private List<Integer> groupedByLength(List<Integer> shuffled, Random random) {
    int mega = MEGA_BATCH * batchSize;
    List<List<Integer>> batches = new ArrayList<>();
    List<Integer> remainder = List.of();
    for (int from = 0; from < shuffled.size(); from += mega) {
      List<Integer> group = new ArrayList<>(shuffled.subList(from, Math.min(size, from + mega)));
      group.sort((a, b) -> Integer.compare(lengths[b], lengths[a]));
      List<List<Integer>> mine = new ArrayList<>();
      for (int b = 0; b < group.size(); b += batchSize) {
        List<Integer> batch = group.subList(b, Math.min(group.size(), b + batchSize));
        if (batch.size() == batchSize) {
          mine.add(batch);
        } else {
          remainder = batch;
        }
      }
      Collections.shuffle(mine, random);
      batches.addAll(mine);
    }
    List<Integer> out = new ArrayList<>(size);
    batches.forEach(out::addAll);
    out.addAll(remainder);
    return out;
  }

  /** The indices of the next step's examples: up to {@code count}, within one epoch. */
  public List<Integer> next(int count) {
    if (position == size) {
      epoch++;
      position = 0;
      order = order(epoch);
    }
    int end = Math.min(size, position + count);
    List<Integer> out = List.copyOf(order.subList(position, end));
    position = end;
    return out;
  }

  /** Completed epochs plus the fraction of the current one, as transformers logs {@code epoch}. */
  public double epochProgress() {
    return epoch + (double) position / size;
  }

  public int epoch() {
    return epoch;
  }

  public int position() {
    return position;
  }
}
