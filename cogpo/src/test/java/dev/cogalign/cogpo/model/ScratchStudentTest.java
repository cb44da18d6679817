package dev.cogalign.cogpo.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.cogalign.cogpo.CogpoException;
import dev.cogalign.cogpo.SharedFixtures;
import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import dev.cogalign.cogpo.checkpoint.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ScratchStudentTest {

  @Test
  void defaultStudentOpensWithItsTokenizerAndGivesFiniteLogits(@TempDir Path dir) {
    ScratchStudent.create(dir, ScratchStudent.Shape.DEFAULT, 7);
    try (NDManager manager = NDManager.newBaseManager();
        ModelBundle bundle = ModelBundle.open(dir, manager)) {
      ModelConfig config = bundle.model().config();
      assertThat(config.architecture()).isEqualTo(ModelConfig.QWEN2);
      assertThat(config.vocabSize()).isEqualTo(99);
      assertThat(config.tieWordEmbeddings()).isTrue();
      assertThat(config.attentionBias()).isTrue();
      assertThat(config.headDim()).isEqualTo(24);
      assertThat(bundle.stopTokens()).containsExactly(2);
      assertThat(bundle.tokenizer().bosTokenId()).hasValue(1);

      long params =
          bundle.model().namedParameters().values().stream()
              .mapToLong(p -> p.getArray().size())
              .sum();
      System.out.println("scratch student DEFAULT parameters: " + params);
      assertThat(params).isEqualTo(416_640);

      int[] ids = bundle.tokenizer().encode("Tom has 17 apples.");
      assertThat(bundle.tokenizer().decode(ids)).isEqualTo("Tom has 17 apples.");
      try (NDManager step = manager.newSubManager()) {
        long[][] batch = new long[1][ids.length];
        for (int i = 0; i < ids.length; i++) {
          batch[0][i] = ids[i];
        }
        NDArray logits = bundle.model().forward(step.create(batch), null);
        assertThat(logits.getShape().getShape()).containsExactly(1, ids.length, 99);
        float[] values = logits.toFloatArray();
        for (float v : values) {
          assertThat(Float.isFinite(v)).isTrue();
        }
      }
    }
  }

  @Test
  void configCarriesTheTokenIdsAndThePrototypesRopeAndContext(@TempDir Path dir) {
    ScratchStudent.create(dir, ScratchStudent.Shape.DEFAULT, 1);
    JsonNode config = HfCheckpoint.readConfigJson(dir);
    assertThat(config.path("model_type").asString()).isEqualTo("qwen2");
    assertThat(config.path("eos_token_id").asInt()).isEqualTo(2);
    assertThat(config.path("bos_token_id").asInt()).isEqualTo(1);
    assertThat(config.path("pad_token_id").asInt()).isZero();
    assertThat(config.path("rope_theta").asDouble()).isEqualTo(10_000);
    assertThat(config.path("max_position_embeddings").asInt()).isEqualTo(512);
    JsonNode generation = SharedFixtures.json(dir.resolve("generation_config.json"));
    assertThat(generation.path("eos_token_id").asInt()).isEqualTo(2);
  }

  @Test
  void sameSeedGivesBitwiseTheSameWeightsAndAnotherSeedOthers(@TempDir Path dir) throws Exception {
    Path a = ScratchStudent.create(dir.resolve("a"), ScratchStudent.Shape.DEFAULT, 42);
    Path b = ScratchStudent.create(dir.resolve("b"), ScratchStudent.Shape.DEFAULT, 42);
    Path c = ScratchStudent.create(dir.resolve("c"), ScratchStudent.Shape.DEFAULT, 43);
    byte[] weightsA = Files.readAllBytes(a.resolve(HfCheckpoint.WEIGHTS));
    assertThat(Files.readAllBytes(b.resolve(HfCheckpoint.WEIGHTS))).isEqualTo(weightsA);
    assertThat(Files.readAllBytes(c.resolve(HfCheckpoint.WEIGHTS))).isNotEqualTo(weightsA);
  }

  @Test
  void initializationFollowsThePrototypesScaledResidualStd(@TempDir Path dir) {
    ScratchStudent.Shape shape = new ScratchStudent.Shape(8, 64, 4, 4, 256);
    ScratchStudent.create(dir, shape, 3);
    try (NDManager manager = NDManager.newBaseManager();
        DecoderModel model = HfCheckpoint.load(dir, manager)) {
      assertThat(std(model.parameter("model.layers.0.mlp.up_proj.weight")))
          .isCloseTo(0.02, offset(0.001));
      assertThat(std(model.parameter("model.layers.0.mlp.down_proj.weight")))
          .isCloseTo(0.005, offset(0.0003));
      assertThat(std(model.parameter("model.layers.3.self_attn.o_proj.weight")))
          .isCloseTo(0.005, offset(0.0003));
      assertThat(model.parameter("model.layers.0.self_attn.q_proj.bias").getArray().toFloatArray())
          .containsOnly(0f);
      assertThat(model.parameter("model.norm.weight").getArray().toFloatArray()).containsOnly(1f);
    }
  }

  @Test
  void shapeRejectsInconsistentSizesNamingThem() {
    assertThatThrownBy(() -> new ScratchStudent.Shape(4, 100, 6, 2, 256))
        .isInstanceOf(CogpoException.class)
        .hasMessage("hidden size 100 is not divisible by 6 heads");
    assertThatThrownBy(() -> new ScratchStudent.Shape(4, 96, 4, 3, 256))
        .hasMessage("4 heads are not a multiple of 3 key/value heads");
    assertThatThrownBy(() -> new ScratchStudent.Shape(4, 96, 32, 2, 256))
        .hasMessageContaining("head dim 3");
    assertThatThrownBy(() -> new ScratchStudent.Shape(0, 96, 4, 2, 256))
        .hasMessage("layers must be positive, got 0");
  }

  private static double std(Parameter p) {
    float[] v = p.getArray().toFloatArray();
    double sum = 0;
    double sq = 0;
    for (float x : v) {
      sum += x;
      sq += (double) x * x;
    }
    double mean = sum / v.length;
    return Math.sqrt(sq / v.length - mean * mean);
  }
}
