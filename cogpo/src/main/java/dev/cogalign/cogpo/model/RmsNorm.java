package dev.cogalign.cogpo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * Root-mean-square layer norm: {@code x / sqrt(mean(x^2) + eps) * weight} over the last axis.
 *
 * <p>Dimensions: B batch, T time, C channels (hidden size).
 */
public final class RmsNorm extends ModelBlock {

  private final Parameter weight;
  private final NDArray eps; // 0-d
  private final NDArray minusHalf; // 0-d

  RmsNorm(String name, int dim, double eps, Constants constants) {
    this.weight = parameter(name + ".weight", Parameter.Type.WEIGHT, new Shape(dim));
    this.eps = constants.of(eps);
    this.minusHalf = constants.of(-0.5);
  }

  /**
   * (B, T, C) to (B, T, C). Multiplies by the reciprocal root, as transformers does ({@code x *
   * rsqrt(mean + eps)}): the reciprocal is taken on the small (B, T, 1) array, and the wide arrays
   * see a product, whose backward pass is cheaper than a quotient's.
   */
  public NDArray forward(NDArray x) {
    NDArray meanSquare = x.square().mean(new int[] {x.getShape().dimension() - 1}, true);
    NDArray inverseRms = meanSquare.add(eps).pow(minusHalf); // (B, T, 1)
    return x.mul(inverseRms).mul(weight.getArray());
  }
}
