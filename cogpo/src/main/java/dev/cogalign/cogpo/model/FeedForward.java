package dev.cogalign.cogpo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;

/**
 * SwiGLU feed-forward: {@code down_proj(silu(gate_proj(x)) * up_proj(x))}.
 *
 * <p>Dimensions: B batch, T time, C hidden size, F intermediate size.
 */
public final class FeedForward extends ModelBlock {

  private final Parameter gateProj;
  private final Parameter upProj;
  private final Parameter downProj;
  private final Parameter gateBias;
  private final Parameter upBias;
  private final Parameter downBias;

  FeedForward(String name, ModelConfig config) {
    int c = config.hiddenSize();
    int f = config.intermediateSize();
    gateProj = parameter(name + ".gate_proj.weight", Parameter.Type.WEIGHT, new Shape(f, c));
    upProj = parameter(name + ".up_proj.weight", Parameter.Type.WEIGHT, new Shape(f, c));
    downProj = parameter(name + ".down_proj.weight", Parameter.Type.WEIGHT, new Shape(c, f));
    if (config.mlpBias()) {
      gateBias = parameter(name + ".gate_proj.bias", Parameter.Type.BIAS, new Shape(f));
      upBias = parameter(name + ".up_proj.bias", Parameter.Type.BIAS, new Shape(f));
      downBias = parameter(name + ".down_proj.bias", Parameter.Type.BIAS, new Shape(c));
    } else {
      gateBias = null;
      upBias = null;
      downBias = null;
    }
  }

  /** (B, T, C) to (B, T, C). */
  public NDArray forward(NDArray x) {
    NDArray gate = linear(x, gateProj, gateBias); // (B, T, F)
    NDArray up = linear(x, upProj, upBias); // (B, T, F)
    NDArray silu = gate.mul(Activation.sigmoid(gate));
    return linear(silu.mul(up), downProj, downBias); // (B, T, C)
  }
}
