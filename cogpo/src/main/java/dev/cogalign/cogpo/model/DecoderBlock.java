package dev.cogalign.cogpo.model;

import ai.djl.ndarray.NDArray;

/**
 * One transformer layer, pre-norm: {@code h = x + attn(norm(x)); out = h + mlp(norm(h))}.
 *
 * <p>Dimensions: B batch, T new tokens, S attended tokens, C hidden size, D head dim.
 */
public final class DecoderBlock extends ModelBlock {

  private final RmsNorm inputLayernorm;
  private final Attention selfAttn;
  private final RmsNorm postAttentionLayernorm;
  private final FeedForward mlp;

  DecoderBlock(int layer, ModelConfig config, Constants constants) {
    String name = "model.layers." + layer;
    double eps = config.rmsNormEps();
    inputLayernorm =
        addChildBlock(
            "input_layernorm",
            new RmsNorm(name + ".input_layernorm", config.hiddenSize(), eps, constants));
    selfAttn =
        addChildBlock("self_attn", new Attention(name + ".self_attn", layer, config, constants));
    postAttentionLayernorm =
        addChildBlock(
            "post_attention_layernorm",
            new RmsNorm(name + ".post_attention_layernorm", config.hiddenSize(), eps, constants));
    mlp = addChildBlock("mlp", new FeedForward(name + ".mlp", config));
  }

  /**
   * @param x (B, T, C)
   * @param cos (B, 1, T, D), or (T, D) when every row has the same positions
   * @param sin as cos
   * @param maskBias (B, 1, 1, T, S) 0 or the lowest float, added to attention scores; or null
   * @param cache KV cache or null
   * @return (B, T, C)
   */
  public NDArray forward(NDArray x, NDArray cos, NDArray sin, NDArray maskBias, KvCache cache) {
    NDArray h = x.add(selfAttn.forward(inputLayernorm.forward(x), cos, sin, maskBias, cache));
    return h.add(mlp.forward(postAttentionLayernorm.forward(h), cache));
  }

  RmsNorm inputLayernorm() {
    return inputLayernorm;
  }

  Attention selfAttn() {
    return selfAttn;
  }

  RmsNorm postAttentionLayernorm() {
    return postAttentionLayernorm;
  }

  FeedForward mlp() {
    return mlp;
  }
}
