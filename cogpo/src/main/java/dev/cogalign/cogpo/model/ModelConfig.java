package dev.cogalign.cogpo.model;

import dev.cogalign.cogpo.CogpoException;
import java.util.List;

/**
 * Shape and options of a Llama / Qwen2 decoder, the fields of Hugging Face's {@code config.json}.
 *
 * @param architecture {@link #LLAMA} or {@link #QWEN2}
 * @param vocabSize V
 * @param hiddenSize C, the residual stream width
 * @param intermediateSize F, the SwiGLU hidden width
 * @param numLayers L
 * @param numHeads H, query heads
 * @param numKvHeads K, key/value heads (grouped-query attention: H is a multiple of K)
 * @param headDim D, width of one head (C / H unless the checkpoint says otherwise)
 * @param rmsNormEps epsilon of every RMSNorm
 * @param rope rotary embedding settings
 * @param tieWordEmbeddings the output head reuses the token embedding
 * @param attentionBias q/k/v projections have a bias (Qwen2 always; Llama's attention_bias)
 * @param outputBias o_proj has a bias (Llama's attention_bias)
 * @param mlpBias gate/up/down projections have a bias (Llama's mlp_bias)
 * @param maxPositionEmbeddings context length the model was trained for
 */
public record ModelConfig(
    String architecture,
    int vocabSize,
    int hiddenSize,
    int intermediateSize,
    int numLayers,
    int numHeads,
    int numKvHeads,
    int headDim,
    double rmsNormEps,
    RopeConfig rope,
    boolean tieWordEmbeddings,
    boolean attentionBias,
    boolean outputBias,
    boolean mlpBias,
    int maxPositionEmbeddings) {

  public static final String LLAMA = "LlamaForCausalLM";
  public static final String QWEN2 = "Qwen2ForCausalLM";
  public static final List<String> SUPPORTED_ARCHITECTURES = List.of(LLAMA, QWEN2);
  public static final double DEFAULT_RMS_NORM_EPS = 1e-6;
  public static final int DEFAULT_MAX_POSITION_EMBEDDINGS = 2048;

  public ModelConfig {
    if (!SUPPORTED_ARCHITECTURES.contains(architecture)) {
      throw new CogpoException(
          "unsupported architecture '" + architecture + "'; supported: " + SUPPORTED_ARCHITECTURES);
    }
    positive("vocab size", vocabSize);
    positive("hidden size", hiddenSize);
    positive("intermediate size", intermediateSize);
    positive("number of layers", numLayers);
    positive("number of heads", numHeads);
    positive("number of key/value heads", numKvHeads);
    positive("head dim", headDim);
    if (numHeads % numKvHeads != 0) {
      throw new CogpoException(
          numHeads + " attention heads are not a multiple of " + numKvHeads + " key/value heads");
    }
    if (headDim % 2 != 0) {
      throw new CogpoException("head dim " + headDim + " is odd; rotary embeddings need pairs");
    }
    if (rope == null) {
      throw new CogpoException("rope settings are required");
    }
  }

  private static void positive(String what, int value) {
    if (value <= 0) {
      throw new CogpoException(what + " must be positive, got " + value);
    }
  }

  /** Query heads per key/value head. */
  public int groupSize() {
    return numHeads / numKvHeads;
  }

  /** A builder with Llama defaults; {@code headDim} defaults to hiddenSize / numHeads. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builder for the many optional fields; {@link #build()} fails naming the bad value. */
  public static final class Builder {
    private String architecture = LLAMA;
    private int vocabSize;
    private int hiddenSize;
    private int intermediateSize;
    private int numLayers;
    private int numHeads;
    private int numKvHeads;
    private int headDim;
    private double rmsNormEps = DEFAULT_RMS_NORM_EPS;
    private RopeConfig rope = RopeConfig.standard(RopeConfig.DEFAULT_THETA);
    private boolean tieWordEmbeddings;
    private boolean attentionBias;
    private boolean outputBias;
    private boolean mlpBias;
    private int maxPositionEmbeddings = DEFAULT_MAX_POSITION_EMBEDDINGS;

    private Builder() {}

    public Builder architecture(String v) {
      architecture = v;
      if (QWEN2.equals(v)) {
        attentionBias = true;
      }
      return this;
    }

    public Builder vocabSize(int v) {
      vocabSize = v;
      return this;
    }

    public Builder hiddenSize(int v) {
      hiddenSize = v;
      return this;
    }

    public Builder intermediateSize(int v) {
      intermediateSize = v;
      return this;
    }

    public Builder numLayers(int v) {
      numLayers = v;
      return this;
    }

    public Builder numHeads(int v) {
      numHeads = v;
      return this;
    }

    public Builder numKvHeads(int v) {
      numKvHeads = v;
      return this;
    }

    public Builder headDim(int v) {
      headDim = v;
      return this;
    }

    public Builder rmsNormEps(double v) {
      rmsNormEps = v;
      return this;
    }

    public Builder rope(RopeConfig v) {
      rope = v;
      return this;
    }

    public Builder tieWordEmbeddings(boolean v) {
      tieWordEmbeddings = v;
      return this;
    }

    public Builder attentionBias(boolean v) {
      attentionBias = v;
      return this;
    }

    public Builder outputBias(boolean v) {
      outputBias = v;
      return this;
    }

    public Builder mlpBias(boolean v) {
      mlpBias = v;
      return this;
    }

    public Builder maxPositionEmbeddings(int v) {
      maxPositionEmbeddings = v;
      return this;
    }

    public ModelConfig build() {
      int kv = numKvHeads == 0 ? numHeads : numKvHeads;
      int hd = headDim;
      if (hd == 0) {
        if (numHeads <= 0 || hiddenSize % numHeads != 0) {
          throw new CogpoException(
              "hidden size " + hiddenSize + " is not divisible by " + numHeads + " heads");
        }
        hd = hiddenSize / numHeads;
      }
      return new ModelConfig(
          architecture,
          vocabSize,
          hiddenSize,
          intermediateSize,
          numLayers,
          numHeads,
          kv,
          hd,
          rmsNormEps,
          rope,
          tieWordEmbeddings,
          attentionBias,
          outputBias,
          mlpBias,
          maxPositionEmbeddings);
    }
  }
}
