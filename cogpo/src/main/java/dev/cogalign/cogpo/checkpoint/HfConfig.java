package dev.cogalign.cogpo.checkpoint;

import dev.cogalign.cogpo.model.ModelConfig;
import dev.cogalign.cogpo.model.RopeConfig;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hugging Face {@code config.json} to {@link ModelConfig} and back. Reads both the transformers 4.x
 * form ({@code rope_theta} and {@code rope_scaling} at the top level) and the 5.x form ({@code
 * rope_parameters}); writes both so that either version loads the folder.
 */
public final class HfConfig {

  private static final Map<String, String> MODEL_TYPES =
      Map.of("llama", ModelConfig.LLAMA, "qwen2", ModelConfig.QWEN2);

  private HfConfig() {}

  /** Parses a config; unsupported architectures and options fail naming what is supported. */
  public static ModelConfig read(JsonNode json) {
    String architecture = architecture(json);
    String act = json.path("hidden_act").asString("silu");
    if (!act.equals("silu")) {
      throw new UnsupportedArchitectureException(
          architecture, "hidden_act " + act + " (only silu)");
    }
    boolean qwen2 = architecture.equals(ModelConfig.QWEN2);
    if (qwen2 && json.path("use_sliding_window").asBoolean(false)) {
      throw new UnsupportedArchitectureException(architecture, "use_sliding_window true");
    }
    boolean llamaBias = json.path("attention_bias").asBoolean(false);
    int heads = json.path("num_attention_heads").asInt();
    JsonNode headDim = json.path("head_dim");
    return ModelConfig.builder()
        .architecture(architecture)
        .vocabSize(json.path("vocab_size").asInt())
        .hiddenSize(json.path("hidden_size").asInt())
        .intermediateSize(json.path("intermediate_size").asInt())
        .numLayers(json.path("num_hidden_layers").asInt())
        .numHeads(heads)
        .numKvHeads(json.path("num_key_value_heads").asInt(heads))
        .headDim(headDim.isNumber() ? headDim.asInt() : 0)
        .rmsNormEps(json.path("rms_norm_eps").asDouble(ModelConfig.DEFAULT_RMS_NORM_EPS))
        .rope(rope(json))
        .tieWordEmbeddings(json.path("tie_word_embeddings").asBoolean(false))
        .attentionBias(qwen2 || llamaBias)
        .outputBias(!qwen2 && llamaBias)
        .mlpBias(!qwen2 && json.path("mlp_bias").asBoolean(false))
        .maxPositionEmbeddings(
            json.path("max_position_embeddings").asInt(ModelConfig.DEFAULT_MAX_POSITION_EMBEDDINGS))
        .build();
  }

  private static String architecture(JsonNode json) {
    JsonNode archs = json.path("architectures");
    if (archs.isArray() && !archs.isEmpty()) {
      String name = archs.get(0).asString();
      if (!ModelConfig.SUPPORTED_ARCHITECTURES.contains(name)) {
        throw new UnsupportedArchitectureException(name, ModelConfig.SUPPORTED_ARCHITECTURES);
      }
      return name;
    }
    String type = json.path("model_type").asString("");
    String name = MODEL_TYPES.get(type);
    if (name == null) {
      throw new UnsupportedArchitectureException(
          "model_type " + type, ModelConfig.SUPPORTED_ARCHITECTURES);
    }
    return name;
  }

  private static RopeConfig rope(JsonNode json) {
    JsonNode params = json.path("rope_parameters");
    JsonNode scaling = json.path("rope_scaling");
    JsonNode source = params.isObject() ? params : scaling.isObject() ? scaling : null;
    double theta =
        params.isObject() && params.has("rope_theta")
            ? params.path("rope_theta").asDouble()
            : json.path("rope_theta").asDouble(RopeConfig.DEFAULT_THETA);
    if (source == null) {
      return RopeConfig.standard(theta);
    }
    String type =
        source.path("rope_type").asString(source.path("type").asString(RopeConfig.DEFAULT));
    return new RopeConfig(
        theta,
        type,
        source.path("factor").asDouble(1),
        source.path("low_freq_factor").asDouble(1),
        source.path("high_freq_factor").asDouble(1),
        source.path("original_max_position_embeddings").asInt(0));
  }

  /**
   * Writes the config over {@code base} (the folder's original config, kept for fields such as
   * token ids), or over an empty object.
   */
  public static ObjectNode write(ModelConfig c, JsonNode base) {
    ObjectNode json =
        base != null && base.isObject()
            ? ((ObjectNode) base).deepCopy()
            : SafetensorsFile.JSON.createObjectNode();
    boolean qwen2 = c.architecture().equals(ModelConfig.QWEN2);
    json.putArray("architectures").add(c.architecture());
    json.put("model_type", qwen2 ? "qwen2" : "llama");
    json.put("vocab_size", c.vocabSize());
    json.put("hidden_size", c.hiddenSize());
    json.put("intermediate_size", c.intermediateSize());
    json.put("num_hidden_layers", c.numLayers());
    json.put("num_attention_heads", c.numHeads());
    json.put("num_key_value_heads", c.numKvHeads());
    json.put("head_dim", c.headDim());
    json.put("hidden_act", "silu");
    json.put("rms_norm_eps", c.rmsNormEps());
    json.put("max_position_embeddings", c.maxPositionEmbeddings());
    json.put("tie_word_embeddings", c.tieWordEmbeddings());
    json.put("rope_theta", c.rope().theta());
    ObjectNode rope = json.putObject("rope_parameters");
    rope.put("rope_theta", c.rope().theta());
    rope.put("rope_type", c.rope().type());
    if (c.rope().type().equals(RopeConfig.LLAMA3)) {
      rope.put("factor", c.rope().factor());
      rope.put("low_freq_factor", c.rope().lowFreqFactor());
      rope.put("high_freq_factor", c.rope().highFreqFactor());
      rope.put("original_max_position_embeddings", c.rope().originalMaxPositions());
    }
    if (qwen2) {
      json.put("use_sliding_window", false);
    } else {
      json.put("attention_bias", c.attentionBias());
      json.put("mlp_bias", c.mlpBias());
    }
    if (!json.has("dtype")) {
      json.put("dtype", "float32");
    }
    return json;
  }
}
