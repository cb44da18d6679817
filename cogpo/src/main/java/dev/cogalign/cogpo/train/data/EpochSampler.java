package dev.cogalign.cogpo.train.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Walks the data in a fresh seeded order every epoch. The order of epoch e comes from {@code new
 * Random(seed, e)} alone, so the whole sampling state is (epoch, position) and a resumed run draws
 * exactly the examples the uninterrupted run would have. A step never crosses an epoch boundary:
 * the last step of an epoch may be short, as a data loader's last batch is.
 */
public final class EpochSampler {

  private final int size;
  private final long seed;
  private int epoch;
  private int position;
  private List<Integer> order;

  public EpochSampler(int size, long seed, int epoch, int position) {
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
    Collections.shuffle(indices, new Random(seed * 1_000_003L + e));
    return indices;
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
