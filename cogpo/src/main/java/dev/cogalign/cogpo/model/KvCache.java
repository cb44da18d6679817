package dev.cogalign.cogpo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of the tokens seen so far, per layer, after the rotary embedding: each (B, K, S,
 * D). Owns its arrays in its own manager; close it when the sequence is done.
 */
public final class KvCache implements AutoCloseable {

  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;
  private int length;

  KvCache(NDManager parent, int layers) {
    this.manager = parent.newSubManager();
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
  }

  /** Number of cached positions S. */
  public int length() {
    return length;
  }

  NDArray appendKeys(int layer, NDArray k) {
    keys[layer] = append(keys[layer], k);
    return keys[layer];
  }

  NDArray appendValues(int layer, NDArray v) {
    values[layer] = append(values[layer], v);
    return values[layer];
  }

  private NDArray append(NDArray previous, NDArray fresh) {
    NDArray all = previous == null ? fresh.duplicate() : previous.concat(fresh, 2); // (B, K, S, D)
    all.attach(manager);
    if (previous != null) {
      previous.close();
    }
    return all;
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
