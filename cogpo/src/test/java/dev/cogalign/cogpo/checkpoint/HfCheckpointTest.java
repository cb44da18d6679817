package dev.cogalign.cogpo.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.SharedFixtures;
import dev.cogalign.cogpo.model.DecoderModel;
import dev.cogalign.cogpo.model.ModelConfig;
import dev.cogalign.cogpo.model.TensorMismatchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class HfCheckpointTest {

  static final Path FORMATS = SharedFixtures.shared().resolve("fixtures/hf-formats");
  static NDManager manager;

  @BeforeAll
  static void start() {
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void stop() {
    manager.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"qwen2-tiny-bf16-sharded", "qwen2-tiny-fp16"})
  void halfPrecisionCheckpointsGiveTheGoldenLogitsOfTheirRoundedWeights(String name) {
    JsonNode golden = SharedFixtures.json(FORMATS.resolve("golden-formats.json"));
    try (DecoderModel model = HfCheckpoint.load(FORMATS.resolve(name), manager)) {
      double diff =
          SharedFixtures.maxLogitDiff(
              model, golden.path("logits_input_ids"), golden.path(name), manager);
      System.out.printf("%s logits max abs diff %.3g%n", name, diff);
      assertThat(diff).isLessThan(1e-4);
      assertThat(model.storageDtype("model.embed_tokens.weight"))
          .isEqualTo(name.contains("bf16") ? "BF16" : "F16");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hf-tiny/llama-tiny", "hf-formats/qwen2-tiny-bf16-sharded"})
  void savedFolderHasTheSameTensorsAndReloadsToTheSameLogits(String name, @TempDir Path out) {
    Path source = SharedFixtures.shared().resolve("fixtures").resolve(name);
    JsonNode ids =
        SharedFixtures.json(SharedFixtures.hfTiny("golden-qwen2-tiny.json"))
            .path("logits_input_ids");
    try (DecoderModel model = HfCheckpoint.load(source, manager)) {
      HfCheckpoint.save(model, out, source);
      try (DecoderModel reloaded = HfCheckpoint.load(out, manager)) {
        assertThat(headers(HfCheckpoint.shards(out)))
            .isEqualTo(headers(HfCheckpoint.shards(source)));
        assertThat(HfCheckpoint.readConfig(out)).isEqualTo(model.config());
        try (NDManager scope = manager.newSubManager()) {
          float[] before = model.forward(scope.create(longs(ids)), null).toFloatArray();
          float[] after = reloaded.forward(scope.create(longs(ids)), null).toFloatArray();
          assertThat(after).containsExactly(before);
        }
      }
    }
    assertThat(out.resolve("generation_config.json")).exists();
  }

  private static long[][] longs(JsonNode rows) {
    long[][] out = new long[rows.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = SharedFixtures.longs(rows.get(i));
    }
    return out;
  }

  /** name -> "DTYPE [shape]" over all files. */
  private static Map<String, String> headers(Iterable<Path> files) {
    Map<String, String> all = new LinkedHashMap<>();
    for (Path f : files) {
      try (SafetensorsFile file = SafetensorsFile.open(f)) {
        file.entries().values().forEach(e -> all.put(e.name(), e.dtype() + " " + e.shape()));
      }
    }
    return new java.util.TreeMap<>(all);
  }

  @Test
  void readsTheTransformers4ConfigFormWithTopLevelRopeTheta() {
    ObjectNode json = (ObjectNode) HfCheckpoint.readConfigJson(SharedFixtures.hfTiny("qwen2-tiny"));
    ModelConfig v5 = HfConfig.read(json);
    json.remove("rope_parameters");
    json.put("rope_theta", 1000000.0);
    json.putNull("rope_scaling");
    assertThat(HfConfig.read(json)).isEqualTo(v5);
    assertThat(v5.rope().theta()).isEqualTo(1e6);
    assertThat(v5.attentionBias()).isTrue();
    assertThat(v5.outputBias()).isFalse();
    assertThat(v5.headDim()).isEqualTo(16);
  }

  @Test
  void unsupportedArchitectureNamesTheSupportedOnes() {
    ObjectNode json = (ObjectNode) HfCheckpoint.readConfigJson(SharedFixtures.hfTiny("llama-tiny"));
    json.putArray("architectures").add("GPT2LMHeadModel");
    assertThatThrownBy(() -> HfConfig.read(json))
        .isInstanceOf(UnsupportedArchitectureException.class)
        .hasMessageContaining("GPT2LMHeadModel")
        .hasMessageContaining("LlamaForCausalLM")
        .hasMessageContaining("Qwen2ForCausalLM");
  }

  @Test
  void missingFilesAreNamed(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> HfCheckpoint.load(dir, manager))
        .isInstanceOf(MissingCheckpointFileException.class)
        .hasMessageContaining("config.json");
    Files.copy(
        SharedFixtures.hfTiny("llama-tiny").resolve("config.json"), dir.resolve("config.json"));
    assertThatThrownBy(() -> HfCheckpoint.load(dir, manager))
        .isInstanceOf(MissingCheckpointFileException.class)
        .hasMessageContaining("model.safetensors");
  }

  @Test
  void shapeMismatchNamesTheTensor(@TempDir Path dir) throws Exception {
    Path source = SharedFixtures.hfTiny("llama-tiny");
    ObjectNode json = (ObjectNode) HfCheckpoint.readConfigJson(source);
    json.put("intermediate_size", 128);
    Files.writeString(dir.resolve("config.json"), json.toString());
    Files.copy(source.resolve("model.safetensors"), dir.resolve("model.safetensors"));
    assertThatThrownBy(() -> HfCheckpoint.load(dir, manager))
        .isInstanceOf(TensorMismatchException.class)
        .hasMessageContaining("model.layers.0.mlp.")
        .hasMessageContaining("160")
        .hasMessageContaining("does not match the expected")
        .hasMessageContaining("128");
  }

  @Test
  void missingTensorIsNamed(@TempDir Path dir) throws Exception {
    Path source = SharedFixtures.hfTiny("llama-tiny");
    ObjectNode json = (ObjectNode) HfCheckpoint.readConfigJson(source);
    json.put("tie_word_embeddings", false);
    Files.writeString(dir.resolve("config.json"), json.toString());
    Files.copy(source.resolve("model.safetensors"), dir.resolve("model.safetensors"));
    assertThatThrownBy(() -> HfCheckpoint.load(dir, manager))
        .isInstanceOf(TensorMismatchException.class)
        .hasMessageContaining("'lm_head.weight'")
        .hasMessageContaining("missing");
  }

  @Test
  void bfloat16RoundsToNearestEven() {
    assertThat(StorageDtype.f32ToBf16(1.0f)).isEqualTo((short) 0x3f80);
    // 1 + 2^-8 lies halfway between two bf16 values: ties go to the even one (1.0)
    assertThat(StorageDtype.f32ToBf16(Float.intBitsToFloat(0x3f808000))).isEqualTo((short) 0x3f80);
    assertThat(StorageDtype.f32ToBf16(Float.intBitsToFloat(0x3f818000))).isEqualTo((short) 0x3f82);
    assertThat(StorageDtype.f32ToBf16(Float.intBitsToFloat(0x3f808001))).isEqualTo((short) 0x3f81);
  }
}
