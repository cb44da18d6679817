package dev.cogalign.cogpo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a number on arrays that may be differentiated. Use these, never DJL's {@code
 * x.mul(0.5f)}, on anything a gradient flows through.
 *
 * <p>DJL 0.36's PyTorch engine turns a Java number into a 0-d array over a Java direct buffer
 * ({@code torch::from_blob}: the engine does not own that memory) and closes it right after the op.
 * An op that saves its operand for the backward pass ({@code mul}, {@code div}) then keeps a
 * pointer into memory that the JVM frees at its next garbage collection and hands out again; the
 * backward pass reads whatever lies there by then: a zero, another op's constant ({@code
 * Float.MAX_VALUE} from an attention mask), or NaN. The gradients come out wrong or non-finite, at
 * random, more often on a busy JVM (other threads, other jobs, request threads), and never on a
 * quiet rerun. These helpers build the number with {@code torch::full}, in memory the engine owns
 * and reference-counts, so a saved operand lives as long as the graph that saved it.
 *
 * <p>The same holds for any array made from Java data ({@code manager.create(float[])}): it is
 * valid only while that array is open, so keep such arrays in a scope that outlives the backward
 * pass (as the training step's sub-manager does).
 */
public final class Scalars {

  private Scalars() {}

  /**
   * A 0-d float32 array of {@code value} in {@code like}'s manager, in engine-owned memory. (A 0-d
   * float32 operand does not change the result dtype of a float16/float64 array, as DJL's own
   * number operands do not.)
   */
  public static NDArray of(NDArray like, double value) {
    return like.getManager().full(new Shape(), (float) value, DataType.FLOAT32);
  }

  /** {@code x · value}, differentiable in x. */
  public static NDArray mul(NDArray x, double value) {
    try (NDArray v = of(x, value)) {
      return x.mul(v);
    }
  }

  /** {@code x / value}, differentiable in x. */
  public static NDArray div(NDArray x, double value) {
    try (NDArray v = of(x, value)) {
      return x.div(v);
    }
  }

  /** {@code x + value}, differentiable in x. */
  public static NDArray add(NDArray x, double value) {
    try (NDArray v = of(x, value)) {
      return x.add(v);
    }
  }

  /** {@code x ^ value}, differentiable in x. */
  public static NDArray pow(NDArray x, double value) {
    try (NDArray v = of(x, value)) {
      return x.pow(v);
    }
  }

  /** {@code max(x, value)} elementwise. */
  public static NDArray maximum(NDArray x, double value) {
    try (NDArray v = of(x, value)) {
      return x.maximum(v);
    }
  }
}
