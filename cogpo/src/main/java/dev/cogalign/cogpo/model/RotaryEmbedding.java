package dev.cogalign.cogpo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Rotary position embedding in the "rotate half" form of Hugging Face transformers: the head is
 * split into halves (x1, x2) and rotated as {@code x * cos + (-x2, x1) * sin}. Checkpoints written
 * for the interleaved (complex pair) form, as llama2.c's, are permuted at load time so that this
 * one form serves both.
 *
 * <p>Dimensions: B batch, T time, D head dim.
 */
public final class RotaryEmbedding implements AutoCloseable {

  private final NDArray inverseFrequencies; // (D/2)

  RotaryEmbedding(RopeConfig rope, int headDim, NDManager manager) {
    this.inverseFrequencies = manager.create(rope.inverseFrequencies(headDim));
  }

  /**
   * The cosines and sines for the given positions, in the caller's manager.
   *
   * @param positions (B, T) integer positions
   * @return cos and sin, each (B, 1, T, D), broadcasting over heads
   */
  public NDList cosSin(NDArray positions) {
    NDArray angles =
        positions
            .toType(DataType.FLOAT32, false)
            .expandDims(2)
            .mul(inverseFrequencies); // (B,T,D/2)
    NDArray both = angles.concat(angles, 2); // (B, T, D)
    return new NDList(both.cos().expandDims(1), both.sin().expandDims(1)); // (B, 1, T, D)
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
