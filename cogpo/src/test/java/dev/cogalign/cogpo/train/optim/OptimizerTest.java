package dev.cogalign.cogpo.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.cogalign.cogpo.model.Scalars;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizerTest {

  private NDManager manager;
  private Map<String, NDArray> params;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
    params = new LinkedHashMap<>();
    params.put("layer.weight", parameter(1f, -2f));
    params.put("layer.bias", parameter(1f));
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private NDArray parameter(float... values) {
    NDArray p = manager.create(values);
    p.setRequiresGradient(true);
    return p;
  }

  /** Sets the gradients to (0.5, 0.1) and (0.5): loss = Σ c·p has gradient c. */
  private void backwardConstantGradient() {
    Gradients.zero(params);
    try (NDManager scope = manager.newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray loss =
          params
              .get("layer.weight")
              .mul(scope.create(new float[] {0.5f, 0.1f}))
              .sum()
              .add(Scalars.mul(params.get("layer.bias"), 0.5).sum());
      collector.backward(loss);
    }
  }

  @Test
  void adamwMovesEachWeightByLrTimesSignOfAConstantGradientAfterDecoupledDecay() {
    // With a constant gradient, m̂ = g and v̂ = g², so each step moves lr·sign(g) = 0.1 after the
    // decay p·(1 − lr·λ) = p·0.99 (λ = 0.1). The bias is not decayed.
    // step 1: (1, −2)·0.99 − 0.1 = (0.89, −2.08);      bias 1 − 0.1 = 0.9
    // step 2: (0.89, −2.08)·0.99 − 0.1 = (0.7811, −2.1592); bias 0.8
    try (AdamW adamw = new AdamW(manager, 0.1)) {
      backwardConstantGradient();
      adamw.step(params, 0.1);
      assertThat(params.get("layer.weight").toFloatArray())
          .containsExactly(new float[] {0.89f, -2.08f}, within(1e-6f));
      backwardConstantGradient();
      adamw.step(params, 0.1);
      assertThat(params.get("layer.weight").toFloatArray())
          .containsExactly(new float[] {0.7811f, -2.1592f}, within(1e-6f));
      assertThat(params.get("layer.bias").toFloatArray())
          .containsExactly(new float[] {0.8f}, within(1e-6f));
      assertThat(adamw.stepOf("layer.weight")).isEqualTo(2);
    }
  }

  @Test
  void adamwStateRestoredFromDiskContinuesExactlyAsTheOriginal(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("optimizer.bin");
    Map<String, NDArray> twin = new LinkedHashMap<>();
    try (AdamW original = new AdamW(manager, 0.01)) {
      backwardConstantGradient();
      original.step(params, 0.05);
      original.save(file);
      params.forEach((k, v) -> twin.put(k, v.duplicate()));
      backwardConstantGradient();
      original.step(params, 0.05);
    }
    Map<String, NDArray> expected = new LinkedHashMap<>();
    params.forEach((k, v) -> expected.put(k, v.duplicate()));
    // restore: parameters after step 1 and the saved state, then take step 2 again
    twin.forEach((k, v) -> params.get(k).set(v.toFloatArray()));
    try (AdamW restored = new AdamW(manager, 0.01)) {
      restored.load(file);
      assertThat(restored.stepOf("layer.weight")).isEqualTo(1);
      backwardConstantGradient();
      restored.step(params, 0.05);
    }
    for (String name : params.keySet()) {
      assertThat(params.get(name).toFloatArray()).isEqualTo(expected.get(name).toFloatArray());
    }
  }

  @Test
  void sgdSubtractsLrTimesGradient() {
    // (1, −2) − 0.1·(0.5, 0.1) = (0.95, −2.01); bias 1 − 0.05 = 0.95
    backwardConstantGradient();
    new Sgd().step(params, 0.1);
    assertThat(params.get("layer.weight").toFloatArray())
        .containsExactly(new float[] {0.95f, -2.01f}, within(1e-7f));
    assertThat(params.get("layer.bias").toFloatArray())
        .containsExactly(new float[] {0.95f}, within(1e-7f));
  }

  @Test
  void clippingScalesGradientsToTheMaxGlobalNormAndReportsTheNormBefore() {
    // ‖(0.5, 0.1, 0.5)‖ = √0.51 = 0.71414284; clip to 0.5: scale 0.5/(0.71414284 + 1e−6)
    backwardConstantGradient();
    double norm = Gradients.clipByGlobalNorm(params, 0.5);
    assertThat(norm).isCloseTo(0.71414284, within(1e-6));
    assertThat(Gradients.globalNorm(params)).isCloseTo(0.5, within(1e-6));
    assertThat(Gradients.clipByGlobalNorm(params, 0)).isCloseTo(0.5, within(1e-6));
  }

  @Test
  void gradientsAccumulateOverBackwardCallsUntilZeroed() {
    backwardConstantGradient();
    try (NDManager scope = manager.newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      collector.backward(params.get("layer.bias").mul(scope.create(2f)).sum());
    }
    // 0.5 from the first backward + 2 from the second
    assertThat(params.get("layer.bias").getGradient().toFloatArray()).containsExactly(2.5f);
    Gradients.zero(params);
    assertThat(params.get("layer.bias").getGradient().toFloatArray()).containsExactly(0f);
  }

  @Test
  void scheduleWarmsUpLinearlyThenDecaysAlongACosine() {
    LearningRateSchedule s = new LearningRateSchedule(1.0, 2, 6);
    // warm-up 0, 1/2; then ½(1 + cos(π·k/4)) for k = 0..3: 1, 0.85355339, 0.5, 0.14644661
    assertThat(s.at(0)).isEqualTo(0.0);
    assertThat(s.at(1)).isEqualTo(0.5);
    assertThat(s.at(2)).isEqualTo(1.0);
    assertThat(s.at(3)).isCloseTo(0.85355339, within(1e-8));
    assertThat(s.at(4)).isCloseTo(0.5, within(1e-12));
    assertThat(s.at(5)).isCloseTo(0.14644661, within(1e-8));
    assertThat(new LearningRateSchedule(0.1, 0, 1).at(0)).isEqualTo(0.1);
  }

  @Test
  void adamwKeepsFloat32MasterWeightsForHalfPrecisionParametersSoSmallStepsAccumulate() {
    // float16 spacing just below 1 is 2^−11 ≈ 0.00049: 1 − 0.0001 rounds back to 1, so a half
    // precision weight updated in place would never move. Twenty Adam steps of lr = 0.0001 move
    // the float32 master to 0.998, whose float16 rounding is 2044/2048 = 0.998046875.
    // (bf16 is the GPU dtype; DJL 0.36 cannot hold bf16 tensors, float16 takes the same path.)
    NDArray p =
        manager.create(new float[] {1f}).toType(ai.djl.ndarray.types.DataType.FLOAT16, false);
    p.setRequiresGradient(true);
    Map<String, NDArray> bf16 = Map.of("w", p);
    try (AdamW adamw = new AdamW(manager, 0)) {
      for (int i = 0; i < 20; i++) {
        Gradients.zero(bf16);
        try (NDManager scope = manager.newSubManager();
            GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          collector.backward(p.sum());
        }
        adamw.step(bf16, 0.0001);
      }
    }
    assertThat(p.getDataType()).isEqualTo(ai.djl.ndarray.types.DataType.FLOAT16);
    assertThat(p.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).getFloat())
        .isEqualTo(0.998046875f);
  }
}
