package dev.cogalign.cogpo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;

/**
 * The numbers a forward pass multiplies or adds at every call (an RMSNorm's epsilon, the attention
 * scale, an exponent), made once per model as 0-d float32 arrays in the model's manager, in
 * engine-owned memory ({@link Scalars} explains why that matters for the backward pass): a forward
 * allocates no constant of its own, and a saved operand lives as long as the model.
 */
final class Constants {

  private final NDManager manager;
  private final Map<Double, NDArray> made = new HashMap<>();

  Constants(NDManager manager) {
    this.manager = manager;
  }

  /** The 0-d array of {@code value}, made at the first request. */
  synchronized NDArray of(double value) {
    return made.computeIfAbsent(
        value, v -> manager.full(new Shape(), v.floatValue(), DataType.FLOAT32)); // torch::full
  }
}
