package dev.cogalign.cogpo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;

/**
 * Rotary position embedding in the "rotate half" form of Hugging Face transformers: the head is
 * split into halves (x1, x2) and rotated as {@code x * cos + (-x2, x1) * sin}. Checkpoints written
 * for the interleaved (complex pair) form, as llama2.c's, are permuted at load time so that this
 * one form serves both.
 *
 * <p>The cosines and sines of positions 0..P−1 are tables (P, D) built once, in the model's
 * manager, and grown (doubled) when a longer sequence comes; a forward pass looks its positions up
 * instead of computing angles, cosines and sines again. The tables hold what {@code cos(p · f)}
 * computed in float32 gives, so a lookup equals the direct computation bit for bit.
 *
 * <p>Dimensions: B batch, T time, P positions in the tables, D head dim.
 */
public final class RotaryEmbedding implements AutoCloseable {

  /** Positions the first tables hold. */
  static final int DEFAULT_INITIAL_POSITIONS = 256;

  private final NDManager manager;
  private final NDArray inverseFrequencies; // (D/2)
  private volatile Tables tables;

  /** cos and sin of positions 0..length−1, (P, D) each. */
  private record Tables(NDArray cos, NDArray sin, int length) {}

  RotaryEmbedding(RopeConfig rope, int headDim, NDManager manager) {
    this.manager = manager;
    this.inverseFrequencies = manager.create(rope.inverseFrequencies(headDim));
    this.tables = build(DEFAULT_INITIAL_POSITIONS); // with the model, not in a forward's scope
  }

  /**
   * The cosines and sines for the given positions, in the positions' manager.
   *
   * @param positions (B, T) integer positions
   * @return cos and sin, each (B, 1, T, D), broadcasting over heads
   */
  public NDList cosSin(NDArray positions) {
    return cosSin(positions, Math.toIntExact(positions.max().getLong()) + 1);
  }

  /**
   * As {@link #cosSin(NDArray)}, for positions known to be below {@code bound} (no look at them).
   */
  NDList cosSin(NDArray positions, int bound) {
    Tables t = tables(bound);
    NDArray cos = Embedding.embedding(positions, t.cos(), SparseFormat.DENSE).singletonOrThrow();
    NDArray sin = Embedding.embedding(positions, t.sin(), SparseFormat.DENSE).singletonOrThrow();
    return new NDList(cos.expandDims(1), sin.expandDims(1)); // (B, 1, T, D)
  }

  /**
   * The cosines and sines of positions {@code from..to−1}, the same for every row: (T, D) each,
   * broadcasting over batch and heads. Views of the tables, attached to {@code scope}.
   */
  NDList cosSin(int from, int to, NDManager scope) {
    Tables t = tables(to);
    NDArray cos = t.cos().get(new NDIndex("{}:{}", from, to));
    NDArray sin = t.sin().get(new NDIndex("{}:{}", from, to));
    cos.attach(scope);
    sin.attach(scope);
    return new NDList(cos, sin);
  }

  /** Tables of at least {@code bound} positions. */
  private Tables tables(int bound) {
    Tables t = tables;
    if (t.length() >= bound) {
      return t;
    }
    synchronized (this) {
      t = tables;
      if (t.length() < bound) {
        int length = t.length();
        while (length < bound) {
          length *= 2;
        }
        // tables already handed out stay open (another thread may be reading them) until the
        // model closes; doubling keeps them under the size of the last one
        t = build(length);
        tables = t;
      }
      return t;
    }
  }

  private Tables build(int length) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray positions = scope.arange(0, length, 1, DataType.INT64); // (P)
      NDArray angles =
          positions
              .toType(DataType.FLOAT32, false)
              .expandDims(1)
              .mul(inverseFrequencies); // (P, D/2)
      NDArray both = angles.concat(angles, 1); // (P, D)
      NDArray cos = both.cos();
      NDArray sin = both.sin();
      cos.attach(manager);
      sin.attach(manager);
      return new Tables(cos, sin, length);
    }
  }

  /** Rotates x (B, heads, T, D) by the angles of {@link #cosSin}. */
  public static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
    long half = x.getShape().getLastDimension() / 2;
    NDList halves = x.split(new long[] {half}, 3); // two of (B, heads, T, D/2)
    NDArray rotated = NDArrays.concat(new NDList(halves.get(1).neg(), halves.get(0)), 3);
    return x.mul(cos).add(rotated.mul(sin)); // (B, heads, T, D)
  }

  @Override
  public void close() {
    inverseFrequencies.close();
  }
}
