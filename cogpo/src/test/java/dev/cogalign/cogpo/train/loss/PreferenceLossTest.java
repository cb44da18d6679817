package dev.cogalign.cogpo.train.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two pairs worked out by hand.
 *
 * <pre>
 * pair 1 (ALIGN):   πθ(w)=−2, πθ(l)=−3, ref(w)=ref(l)=−2.5, β=1   → Δ=1,  z=βΔ=1
 * pair 2 (CORRECT): πθ(w)=−4, πθ(l)=−3, ref(w)=ref(l)=−3,   β=0.5 → Δ=−1, z=−0.5
 * −log σ(z) = softplus(−z): softplus(−1)=log(1+e^−1)=0.31326169, softplus(0.5)=log(1+e^0.5)=0.97407698
 * L = (0.31326169 + 0.97407698)/2 = 0.64366934
 * </pre>
 */
class PreferenceLossTest {

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private PairLogProbs logProbs(NDArray policyChosen) {
    return new PairLogProbs(
        policyChosen,
        manager.create(new float[] {-3f, -3f}),
        manager.create(new float[] {-2.5f, -3f}),
        manager.create(new float[] {-2.5f, -3f}));
  }

  private static final double[] BETAS = {1.0, 0.5};
  private static final List<String> TASKS = List.of("ALIGN", "CORRECT");
  private static final int[] CHOSEN_TOKENS = {2, 4};

  @Test
  void cogpoLossUsesEachPairsBetaAndItsGradientIsMinusBetaSigmoidOfMinusZOverN() {
    NDArray policyChosen = manager.create(new float[] {-2f, -4f});
    policyChosen.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      PreferenceLoss.Result result =
          new PreferenceLoss(0, 0).compute(logProbs(policyChosen), BETAS, TASKS, CHOSEN_TOKENS);
      assertThat(result.loss().getFloat()).isCloseTo(0.64366934f, within(1e-6f));
      collector.backward(result.loss());
    }
    // dL/dπθ(wᵢ) = −βᵢ·σ(−zᵢ)/N: −1·σ(−1)/2 = −0.13447071, −0.5·σ(0.5)/2 = −0.15561483
    float[] grad = policyChosen.getGradient().toFloatArray();
    assertThat(grad[0]).isCloseTo(-0.13447071f, within(1e-6f));
    assertThat(grad[1]).isCloseTo(-0.15561483f, within(1e-6f));
  }

  @Test
  void labelSmoothingMixesInTheFlippedLabel() {
    // (1−ε)·softplus(−z) + ε·softplus(z) = softplus(−z) + ε·z:
    // pair 1: 0.31326169 + 0.1·1 = 0.41326169; pair 2: 0.97407698 − 0.1·0.5 = 0.92407698
    // mean = 0.66866934
    PreferenceLoss.Result result =
        new PreferenceLoss(0.1, 0)
            .compute(logProbs(manager.create(new float[] {-2f, -4f})), BETAS, TASKS, null);
    assertThat(result.loss().getFloat()).isCloseTo(0.66866934f, within(1e-6f));
  }

  @Test
  void nllTermAddsAlphaTimesMeanChosenTokenNll() {
    // NLL = −(−2 − 4)/(2 + 4) = 1; α = 0.5 → 0.64366934 + 0.5
    PreferenceLoss.Result result =
        new PreferenceLoss(0, 0.5)
            .compute(logProbs(manager.create(new float[] {-2f, -4f})), BETAS, TASKS, CHOSEN_TOKENS);
    assertThat(result.loss().getFloat()).isCloseTo(1.14366934f, within(1e-6f));
  }

  @Test
  void dpoIsTheCaseOfOneBetaForAllPairs() {
    // β = 1 for both: z = (1, −1): (softplus(−1) + softplus(1))/2 = (0.31326169 + 1.31326169)/2
    PreferenceLoss.Result result =
        new PreferenceLoss(0, 0)
            .compute(
                logProbs(manager.create(new float[] {-2f, -4f})),
                new double[] {1, 1},
                Arrays.asList(null, null),
                null);
    assertThat(result.loss().getFloat()).isCloseTo(0.81326169f, within(1e-6f));
    assertThat(result.metrics().toMap()).doesNotContainKey("rewards/margins/ALIGN");
  }

  @Test
  void metricsFollowTrlNamesAndSplitMarginsByMiniTask() {
    // rewards chosen: 1·(−2+2.5)=0.5, 0.5·(−4+3)=−0.5 → mean 0
    // rewards rejected: 1·(−3+2.5)=−0.5, 0.5·(−3+3)=0 → mean −0.25
    // margins 1 and −0.5 → mean 0.25; accurate: pair 1 only → 0.5
    Map<String, Double> m =
        new PreferenceLoss(0, 0)
            .compute(logProbs(manager.create(new float[] {-2f, -4f})), BETAS, TASKS, null)
            .metrics()
            .toMap();
    assertThat(m)
        .containsEntry("rewards/chosen", 0.0)
        .containsEntry("rewards/rejected", -0.25)
        .containsEntry("rewards/accuracies", 0.5)
        .containsEntry("rewards/margins", 0.25)
        .containsEntry("logps/chosen", -3.0)
        .containsEntry("logps/rejected", -3.0)
        .containsEntry("rewards/margins/ALIGN", 1.0)
        .containsEntry("rewards/margins/CORRECT", -0.5);
  }

  @Test
  void metricsOfTwoMicroBatchesMergeIntoTheMeansOfAllPairs() {
    PreferenceMetrics a =
        PreferenceMetrics.of(
            new float[] {-2},
            new float[] {-3},
            new float[] {-2.5f},
            new float[] {-2.5f},
            new double[] {1},
            List.of("ALIGN"));
    PreferenceMetrics b =
        PreferenceMetrics.of(
            new float[] {-4},
            new float[] {-3},
            new float[] {-3},
            new float[] {-3},
            new double[] {0.5},
            List.of("ALIGN"));
    Map<String, Double> m = a.plus(b).toMap();
    assertThat(m).containsEntry("rewards/margins", 0.25).containsEntry("rewards/accuracies", 0.5);
    assertThat(m).containsEntry("rewards/margins/ALIGN", 0.25);
  }

  @Test
  void rejectsLabelSmoothingOfOneHalfOrMore() {
    assertThatThrownBy(() -> new PreferenceLoss(0.5, 0))
        .hasMessageContaining("label smoothing 0.5");
  }
}
