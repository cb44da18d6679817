package dev.cogalign.cogpo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Keys and values of the tokens seen so far, per layer, after the rotary embedding: each (B, K, S,
 * D). Owns its arrays in its own manager; close it when the sequence is done.
 *
 * <p>With a capacity, each layer's keys and values live in one buffer (B, K, capacity, D) allocated
 * at the first append; new positions are written into it in place and attention reads the filled
 * prefix as a view. Without one, every append concatenates, copying the whole cache: decoding N
 * tokens then copies O(N²) positions, which dominated batched decoding (half of a 64-row decode
 * step of the scratch student).
 */
public final class KvCache implements AutoCloseable {

  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;
  private final int capacity;
  private final Map<ModelBlock, NDList> projections = new IdentityHashMap<>();
  private int length;

  KvCache(NDManager parent, int layers, int capacity) {
    this.manager = parent.newSubManager();
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
    this.capacity = capacity;
  }

  /**
   * The stacked projections of a block ({@code Attention}'s q/k/v, {@code FeedForward}'s gate/up),
   * made once for the whole sequence in this cache's manager: decoding a token then copies no
   * weight. The weights must not change while the cache is in use.
   */
  NDList projections(ModelBlock block, Function<NDManager, NDList> stack) {
    return projections.computeIfAbsent(block, b -> stack.apply(manager));
  }

  /** Number of cached positions S. */
  public int length() {
    return length;
  }

  /** Positions the cache holds without copying, or 0 when it grows by concatenation. */
  public int capacity() {
    return capacity;
  }

  NDArray appendKeys(int layer, NDArray k) {
    if (capacity > 0) {
      keys[layer] = buffer(keys[layer], k);
      return write(keys[layer], k);
    }
    keys[layer] = concat(keys[layer], k);
    return keys[layer];
  }

  NDArray appendValues(int layer, NDArray v) {
    if (capacity > 0) {
      values[layer] = buffer(values[layer], v);
      return write(values[layer], v);
    }
    values[layer] = concat(values[layer], v);
    return values[layer];
  }

  private NDArray concat(NDArray previous, NDArray fresh) {
    NDArray all = previous == null ? fresh.duplicate() : previous.concat(fresh, 2); // (B, K, S, D)
    all.attach(manager);
    if (previous != null) {
      previous.close();
    }
    return all;
  }

  private NDArray buffer(NDArray existing, NDArray fresh) {
    if (existing != null) {
      return existing;
    }
    Shape s = fresh.getShape();
    return manager.zeros(new Shape(s.get(0), s.get(1), capacity, s.get(3)), fresh.getDataType());
  }

  /** Writes the new positions after the cached ones; the filled prefix, in fresh's manager. */
  private NDArray write(NDArray buffer, NDArray fresh) {
    long end = length + fresh.getShape().get(2);
    if (end > capacity) {
      throw new IllegalStateException(
          "KV cache of " + capacity + " positions cannot take " + end + " (cached " + length + ")");
    }
    buffer.set(new NDIndex(":, :, {}:{}", length, end), fresh); // (B, K, T, D) in place
    NDArray filled = buffer.get(new NDIndex(":, :, 0:{}", end)); // (B, K, S, D), a view
    filled.attach(fresh.getManager());
    return filled;
  }

  /** Called by the model once every layer has appended {@code tokens} new positions. */
  void advance(int tokens) {
    length += tokens;
  }

  @Override
  public void close() {
    manager.close();
  }
}
