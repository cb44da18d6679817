package dev.cogalign.cogpo.train.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class LogSigmoidTest {

  @Test
  void softplusIsFiniteForLargeInputsAndMatchesTheDefinitionInBetween() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // log(1+e^−100) ≈ 3.7e−44 (≈ 0 in float32), log(1+e^0) = ln 2 = 0.69314718,
      // log(1+e^2) = 2.12692801, log(1+e^100) = 100
      float[] y =
          LogSigmoid.softplus(manager.create(new float[] {-100f, 0f, 2f, 100f})).toFloatArray();
      assertThat(y[0]).isCloseTo(0f, within(1e-30f));
      assertThat(y[1]).isCloseTo(0.69314718f, within(1e-7f));
      assertThat(y[2]).isCloseTo(2.12692801f, within(1e-6f));
      assertThat(y[3]).isEqualTo(100f);
      // log σ(−100) = −100, log σ(0) = −ln 2
      float[] ls = LogSigmoid.of(manager.create(new float[] {-100f, 0f})).toFloatArray();
      assertThat(ls[0]).isEqualTo(-100f);
      assertThat(ls[1]).isCloseTo(-0.69314718f, within(1e-7f));
    }
  }

  @Test
  void softplusGradientIsSigmoidIncludingOneHalfAtZero() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.create(new float[] {0f, 1f, -100f, 100f});
      x.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(LogSigmoid.softplus(x).sum());
      }
      // σ(0)=0.5, σ(1)=0.73105858, σ(−100)≈0, σ(100)=1
      float[] g = x.getGradient().toFloatArray();
      assertThat(g[0]).isCloseTo(0.5f, within(1e-7f));
      assertThat(g[1]).isCloseTo(0.73105858f, within(1e-6f));
      assertThat(g[2]).isCloseTo(0f, within(1e-30f));
      assertThat(g[3]).isCloseTo(1f, within(1e-7f));
    }
  }
}
