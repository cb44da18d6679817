package dev.cogalign.cogpo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;

/**
 * SwiGLU feed-forward: {@code down_proj(silu(gate_proj(x)) * up_proj(x))}.
 *
 * <p>Dimensions: B batch, T time, C hidden size, F intermediate size.
 */
public final class FeedForward extends ModelBlock {

  private final int intermediate;
  private final Parameter gateProj;
  private final Parameter upProj;
  private final Parameter downProj;
  private final Parameter gateBias;
  private final Parameter upBias;
  private final Parameter downBias;

  FeedForward(String name, ModelConfig config) {
    int c = config.hiddenSize();
    int f = config.intermediateSize();
    this.intermediate = f;
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

  /**
   * gate_proj and up_proj stacked along their output axis: one matrix product computes both. Built
   * from the parameters at every call, so each keeps its own gradient.
   *
   * @return the weight (2F, C) and the bias (2F) or null, in {@code scope}
   */
  NDList stackedProjections(NDManager scope) {
    NDArray weight = stack(scope, gateProj, upProj);
    return gateBias == null
        ? new NDList(weight)
        : new NDList(weight, stack(scope, gateBias, upBias));
  }

  /** (B, T, C) to (B, T, C). */
  public NDArray forward(NDArray x) {
    return forward(x, null);
  }

  /** (B, T, C) to (B, T, C); a decoding cache keeps the stacked projections for the sequence. */
  public NDArray forward(NDArray x, KvCache cache) {
    NDList projections =
        cache != null
            ? cache.projections(this, this::stackedProjections)
            : stackedProjections(x.getManager());
    NDArray gateUp =
        linear(x, projections.get(0), projections.size() > 1 ? projections.get(1) : null);
    NDList halves = gateUp.split(new long[] {intermediate}, 2); // (B, T, 2F) to two (B, T, F)
    NDArray gate = halves.get(0);
    NDArray up = halves.get(1);
    NDArray silu = gate.mul(Activation.sigmoid(gate));
    return linear(silu.mul(up), downProj, downBias); // (B, T, C)
  }
}
