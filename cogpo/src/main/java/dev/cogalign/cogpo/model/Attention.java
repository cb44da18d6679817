package dev.cogalign.cogpo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * Grouped-query causal self-attention with rotary embeddings and an optional KV cache.
 *
 * <p>Dimensions: B batch, T new tokens, S all tokens attended to (cached + new), C hidden size, H
 * query heads, K key/value heads, G = H / K query heads per key/value head, D head dim. Query head
 * h reads key/value head h / G, as transformers' {@code repeat_kv} does.
 */
public final class Attention extends ModelBlock {

  private final int layer;
  private final int numHeads;
  private final int numKvHeads;
  private final int headDim;
  private final NDArray scaling; // 0-d, D^-0.5, engine-owned (see Scalars)
  private final Parameter qProj;
  private final Parameter kProj;
  private final Parameter vProj;
  private final Parameter oProj;
  private final Parameter qBias;
  private final Parameter kBias;
  private final Parameter vBias;
  private final Parameter oBias;

  Attention(String name, int layer, ModelConfig config, Constants constants) {
    this.layer = layer;
    this.numHeads = config.numHeads();
    this.numKvHeads = config.numKvHeads();
    this.headDim = config.headDim();
    this.scaling = constants.of(Math.pow(headDim, -0.5));
    int c = config.hiddenSize();
    int q = numHeads * headDim;
    int kv = numKvHeads * headDim;
    qProj = parameter(name + ".q_proj.weight", Parameter.Type.WEIGHT, new Shape(q, c));
    kProj = parameter(name + ".k_proj.weight", Parameter.Type.WEIGHT, new Shape(kv, c));
    vProj = parameter(name + ".v_proj.weight", Parameter.Type.WEIGHT, new Shape(kv, c));
    oProj = parameter(name + ".o_proj.weight", Parameter.Type.WEIGHT, new Shape(c, q));
    if (config.attentionBias()) {
      qBias = parameter(name + ".q_proj.bias", Parameter.Type.BIAS, new Shape(q));
      kBias = parameter(name + ".k_proj.bias", Parameter.Type.BIAS, new Shape(kv));
      vBias = parameter(name + ".v_proj.bias", Parameter.Type.BIAS, new Shape(kv));
    } else {
      qBias = null;
      kBias = null;
      vBias = null;
    }
    oBias =
        config.outputBias()
            ? parameter(name + ".o_proj.bias", Parameter.Type.BIAS, new Shape(c))
            : null;
  }

  /**
   * The three input projections stacked along their output axis, q_proj then k_proj then v_proj:
   * one matrix product computes all of them. Built from the parameters at every call, so it is part
   * of the graph and each projection gets its own gradient.
   *
   * @return the weight ((H + 2K)·D, C) and the bias ((H + 2K)·D) or null, in {@code scope}
   */
  NDList stackedProjections(NDManager scope) {
    NDArray weight = stack(scope, qProj, kProj, vProj);
    return qBias == null
        ? new NDList(weight)
        : new NDList(weight, stack(scope, qBias, kBias, vBias));
  }

  /**
   * @param x (B, T, C) normalized input
   * @param cos (B, 1, T, D) rotary cosines of the new tokens' positions, or (T, D) when all rows
   *     have the same positions
   * @param sin rotary sines, as cos
   * @param maskBias (B, 1, 1, T, S) added to the scores: 0 where query t may attend to key s
   *     (causal and not padding), the lowest float elsewhere (finite, so fully padded rows stay
   *     finite); null when every query may attend to every key
   * @param cache the KV cache to read and extend, or null
   * @return (B, T, C)
   */
  public NDArray forward(NDArray x, NDArray cos, NDArray sin, NDArray maskBias, KvCache cache) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    int g = numHeads / numKvHeads;

    // q, k and v from one product with the stacked projections (a decoding cache keeps them
    // stacked for the whole sequence)
    NDList projections =
        cache != null
            ? cache.projections(this, this::stackedProjections)
            : stackedProjections(x.getManager());
    NDArray qkv =
        linear(x, projections.get(0), projections.size() > 1 ? projections.get(1) : null)
            .reshape(b, t, numHeads + 2L * numKvHeads, headDim) // (B, T, H+2K, D)
            .transpose(0, 2, 1, 3); // (B, H+2K, T, D)
    NDList qkAndV = qkv.split(new long[] {numHeads + numKvHeads}, 1); // (B,H+K,T,D), (B,K,T,D)
    // queries and keys rotated together: (B, H+K, T, D), then split into (B, H, T, D), (B, K, T, D)
    NDList qAndK = RotaryEmbedding.apply(qkAndV.get(0), cos, sin).split(new long[] {numHeads}, 1);
    NDArray v = qkAndV.get(1); // (B, K, T, D)

    // scaled before the product rather than after: (B, H, T, D) is G*S/D times smaller than the
    // scores (B, K, G, T, S), forward and backward
    NDArray q = qAndK.get(0).mul(scaling); // (B, H, T, D)
    NDArray k = qAndK.get(1); // (B, K, T, D)
    if (cache != null) {
      k = cache.appendKeys(layer, k); // (B, K, S, D)
      v = cache.appendValues(layer, v); // (B, K, S, D)
    }

    long s = k.getShape().get(2);
    // the G query heads of a key/value head are stacked along time, so that each key/value head
    // meets its queries in one plain batched product (no broadcast copy of K and V, no sum over G
    // in the backward pass)
    NDArray grouped = q.reshape(b, numKvHeads, g * t, headDim); // (B, K, G*T, D)
    NDArray keysT = k.transpose(0, 1, 3, 2); // (B, K, D, S)
    NDArray scores = grouped.matMul(keysT).reshape(b, numKvHeads, g, t, s); // (B, K, G, T, S)
    if (maskBias != null) {
      scores = scores.add(maskBias);
    }
    NDArray probs = scores.softmax(4).reshape(b, numKvHeads, g * t, s); // (B, K, G*T, S)

    NDArray out = probs.matMul(v); // (B, K, G*T, D)
    out = out.reshape(b, numHeads, t, headDim); // (B, H, T, D)
    out = out.transpose(0, 2, 1, 3); // (B, T, H, D)
    out = out.reshape(b, t, (long) numHeads * headDim); // (B, T, H*D)
    return linear(out, oProj, oBias); // (B, T, C)
  }
}
