package dev.cogalign.cogpo.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.cogalign.cogpo.train.optim.Gradients;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NonFiniteStepMessageTest {

  @Test
  void aNonFiniteGradientNormNamesTheParametersItCameFromLeavesThemUnclippedAndZeroingClearsIt() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray q = manager.create(new float[] {1f, 0f});
      NDArray norm = manager.create(new float[] {2f});
      q.setRequiresGradient(true);
      norm.setRequiresGradient(true);
      Map<String, NDArray> parameters = new LinkedHashMap<>();
      parameters.put("model.layers.0.self_attn.q_proj.weight", q);
      parameters.put("model.norm.weight", norm);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(q.log().sum().add(norm.sum())); // d log(q)/dq = 1/q: infinite at 0
      }

      double gradNorm = Gradients.clipByGlobalNorm(parameters, 1.0);
      String message = TrainingRun.nonFiniteStep(4, 0.69, gradNorm, parameters);

      assertThat(gradNorm).isInfinite();
      assertThat(message)
          .isEqualTo(
              "step 4: loss 0.69, gradient norm Infinity (non-finite gradient in 1 of 2"
                  + " parameters: model.layers.0.self_attn.q_proj.weight); the step was not"
                  + " applied and the run stops");
      try (NDArray g = norm.getGradient()) {
        assertThat(g.toFloatArray()).containsExactly(1f);
      }
      Gradients.zero(parameters);
      try (NDArray g = q.getGradient()) {
        assertThat(g.toFloatArray()).as("zeroed, infinity included").containsExactly(0f, 0f);
      }
    }
  }

  @Test
  void aNonFiniteLossWithFiniteGradientsSaysSo() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray w = manager.create(new float[] {3f});
      w.setRequiresGradient(true);
      Map<String, NDArray> parameters = Map.of("lm_head.weight", w);
      Gradients.zero(parameters);

      assertThat(TrainingRun.nonFiniteStep(2, Double.NaN, 0.0, parameters))
          .isEqualTo(
              "step 2: loss NaN, gradient norm 0.0 (every gradient is finite); the step was not"
                  + " applied and the run stops");
    }
  }
}
