package dev.cogalign.cogpo.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.cogalign.cogpo.SharedFixtures;
import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hand-computed values for each block, and the masking and memory invariants of the model. */
class ModelOpsTest {

  static NDManager manager;
  static DecoderModel qwen;

  @BeforeAll
  static void load() {
    manager = NDManager.newBaseManager();
    qwen = HfCheckpoint.load(SharedFixtures.hfTiny("qwen2-tiny"), manager);
  }

  @AfterAll
  static void close() {
    qwen.close();
    manager.close();
  }

  @Test
  void rmsNormDividesByTheRootMeanSquareAndScales() {
    RmsNorm norm = new RmsNorm("n", 2, 0.0, new Constants(manager));
    norm.getDirectParameters().get("n.weight").setArray(manager.create(new float[] {1f, 2f}));
    float[] out = norm.forward(manager.create(new float[][] {{3f, 4f}})).toFloatArray();
    double rms = Math.sqrt((9 + 16) / 2.0);
    assertThat(out[0]).isCloseTo((float) (3 / rms), within(1e-6f));
    assertThat(out[1]).isCloseTo((float) (2 * 4 / rms), within(1e-6f));
  }

  @Test
  void rotaryEmbeddingRotatesHalvesByPositionTimesFrequency() {
    try (NDManager m = manager.newSubManager();
        RotaryEmbedding rope = new RotaryEmbedding(RopeConfig.standard(10000), 4, m)) {
      // head dim 4: frequencies 1 and 1/100; pairs are (x0, x2) and (x1, x3)
      NDList cs = rope.cosSin(m.create(new long[][] {{0, 3}}));
      NDArray x = m.create(new float[] {1, 0, 0, 1}).reshape(1, 1, 1, 4).repeat(2, 2); // (1,1,2,4)
      float[] out = RotaryEmbedding.apply(x, cs.get(0), cs.get(1)).toFloatArray();
      float[] pos0 = {out[0], out[1], out[2], out[3]};
      assertThat(pos0).containsExactly(new float[] {1, 0, 0, 1}, within(1e-6f));
      double a = 3.0;
      double b = 3.0 / 100;
      float[] expected = {
        (float) Math.cos(a), (float) -Math.sin(b), (float) Math.sin(a), (float) Math.cos(b)
      };
      float[] pos3 = {out[4], out[5], out[6], out[7]};
      assertThat(pos3).containsExactly(expected, within(1e-5f));
    }
  }

  @Test
  void llama3RopeScalingSlowsOnlyLowFrequencies() {
    RopeConfig scaled = new RopeConfig(500000, RopeConfig.LLAMA3, 32, 1, 4, 8192);
    float[] plain = RopeConfig.standard(500000).inverseFrequencies(64);
    float[] inv = scaled.inverseFrequencies(64);
    assertThat(inv[0]).isEqualTo(plain[0]);
    assertThat(inv[31]).isCloseTo(plain[31] / 32, within(1e-12f));
  }

  @Test
  void paddingDoesNotChangeTheLogitsOfRealTokens() {
    long[] ids = {35, 275, 81, 316, 314};
    try (NDManager m = manager.newSubManager()) {
      float[] alone = qwen.forward(m.create(new long[][] {ids}), null).toFloatArray();
      long[][] right = {{35, 275, 81, 316, 314, 0, 0}};
      long[][] rightMask = {{1, 1, 1, 1, 1, 0, 0}};
      long[][] left = {{0, 0, 35, 275, 81, 316, 314}};
      long[][] leftMask = {{0, 0, 1, 1, 1, 1, 1}};
      NDArray r = qwen.forward(m.create(right), m.create(rightMask)).get(new NDIndex(":, 0:5"));
      NDArray l = qwen.forward(m.create(left), m.create(leftMask)).get(new NDIndex(":, 2:"));
      assertThat(r.toFloatArray()).containsExactly(alone, within(1e-5f));
      assertThat(l.toFloatArray()).containsExactly(alone, within(1e-5f));
    }
  }

  @Test
  void rotaryTablesGrownPastTheirFirstSizeHoldTheAnglesCosinesAndSines() {
    int far = RotaryEmbedding.DEFAULT_INITIAL_POSITIONS + 44; // the tables double to hold it
    try (NDManager m = manager.newSubManager();
        RotaryEmbedding rope = new RotaryEmbedding(RopeConfig.standard(10000), 4, m)) {
      NDList cs = rope.cosSin(m.create(new long[][] {{3, far}})); // (1, 1, 2, 4) each
      float[] cos = cs.get(0).toFloatArray();
      float[] sin = cs.get(1).toFloatArray();
      // head dim 4: frequencies 1 and 1/100, each used by both halves
      double[] frequencies = {1, 0.01, 1, 0.01};
      for (int d = 0; d < 4; d++) {
        assertThat(cos[d]).isCloseTo((float) Math.cos(3 * frequencies[d]), within(1e-6f));
        assertThat(sin[4 + d]).isCloseTo((float) Math.sin(far * frequencies[d]), within(1e-5f));
      }
      NDList rows = rope.cosSin(far - 1, far + 1, m); // the same positions for every row: (2, 4)
      assertThat(rows.get(1).toFloatArray()[4]).isEqualTo(sin[4]);
    }
  }

  @Test
  void noMaskGivesExactlyTheLogitsOfAnAllOnesMaskWithAndWithoutACache() {
    long[][] ids = {{35, 275, 81, 316, 314}, {7, 8, 9, 10, 11}};
    long[][] ones = {{1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}};
    try (NDManager m = manager.newSubManager()) {
      float[] masked = qwen.forward(m.create(ids), m.create(ones)).toFloatArray();
      assertThat(qwen.forward(m.create(ids), null).toFloatArray()).containsExactly(masked);
      try (KvCache withMask = qwen.newCache(m, 6);
          KvCache without = qwen.newCache(m, 6)) {
        qwen.forward(m.create(ids), m.create(ones), withMask);
        qwen.forward(m.create(ids), null, without);
        long[][] next = {{5}, {6}};
        long[][] sixOnes = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1}};
        float[] one = qwen.forward(m.create(next), m.create(sixOnes), withMask).toFloatArray();
        assertThat(qwen.forward(m.create(next), null, without).toFloatArray()).containsExactly(one);
      }
    }
  }

  @Test
  void forwardLeavesNothingInTheModelsManager() throws Exception {
    int before = resources(qwen.manager());
    try (NDManager m = manager.newSubManager()) {
      qwen.forward(m.create(new long[][] {{1, 2, 3}}), null);
      qwen.completionLogProbs(
          m.create(new long[][] {{1, 2, 3}}), null, m.create(new long[][] {{0, 1, 1}}));
    }
    assertThat(resources(qwen.manager())).isEqualTo(before);
  }

  private static int resources(NDManager m) throws Exception {
    Field f = BaseNDManager.class.getDeclaredField("resources");
    f.setAccessible(true);
    return ((Map<?, ?>) f.get(m)).size();
  }

  @Test
  void parametersCarryCheckpointNamesInCheckpointOrder() {
    assertThat(qwen.namedParameters().keySet())
        .startsWith("model.embed_tokens.weight", "model.layers.0.input_layernorm.weight")
        .contains("model.layers.1.self_attn.q_proj.bias", "model.norm.weight")
        .endsWith("lm_head.weight")
        .hasSize(2 + 2 * 12 + 1);
  }

  @Test
  void randomInitializationIsSeeded() {
    ModelConfig config =
        ModelConfig.builder()
            .vocabSize(32)
            .hiddenSize(16)
            .intermediateSize(24)
            .numLayers(1)
            .numHeads(4)
            .numKvHeads(2)
            .build();
    try (DecoderModel a = DecoderModel.create(config, manager);
        DecoderModel b = DecoderModel.create(config, manager)) {
      a.initializeRandom(5, DecoderModel.DEFAULT_INIT_STD);
      b.initializeRandom(5, DecoderModel.DEFAULT_INIT_STD);
      String q = "model.layers.0.self_attn.q_proj.weight";
      assertThat(a.parameter(q).getArray().toFloatArray())
          .containsExactly(b.parameter(q).getArray().toFloatArray());
      assertThat(a.parameter("model.norm.weight").getArray().toFloatArray()).containsOnly(1f);
      assertThat(a.unsetWeights()).isEmpty();
    }
  }
}
