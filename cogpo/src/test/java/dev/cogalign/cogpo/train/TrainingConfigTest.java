package dev.cogalign.cogpo.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrainingConfigTest {

  @Test
  void defaultsToOneEpochAndTheMethodsLearningRate() {
    TrainingConfig sft = TrainingConfig.builder().method(Method.SFT).build();
    assertThat(sft.epochs()).isEqualTo(1);
    assertThat(sft.learningRate()).isEqualTo(TrainingConfig.DEFAULT_SFT_LEARNING_RATE);
    TrainingConfig cogpo = TrainingConfig.builder().method(Method.COGPO).steps(3).build();
    assertThat(cogpo.epochs()).isZero();
    assertThat(cogpo.learningRate()).isEqualTo(TrainingConfig.DEFAULT_PREFERENCE_LEARNING_RATE);
  }

  @Test
  void failsNamingEveryBadValue() {
    assertThatThrownBy(
            () ->
                TrainingConfig.builder()
                    .method(Method.DPO)
                    .steps(2)
                    .epochs(3)
                    .batchSize(0)
                    .beta(-1)
                    .labelSmoothing(0.7)
                    .optimizer(OptimizerKind.SGD)
                    .weightDecay(0.1)
                    .build())
        .isInstanceOf(InvalidTrainingConfigException.class)
        .hasMessageContaining("steps 2 and epochs 3")
        .hasMessageContaining("batch size 0")
        .hasMessageContaining("beta -1.0")
        .hasMessageContaining("label smoothing 0.7")
        .hasMessageContaining("weight decay 0.1 with sgd");
  }

  @Test
  void unknownMethodListsTheAllowedOnes() {
    assertThatThrownBy(() -> Method.parse("ppo"))
        .hasMessage("method 'ppo' is not one of sft|dpo|cogpo");
    assertThatThrownBy(() -> OptimizerKind.parse("adam"))
        .hasMessage("optimizer 'adam' is not one of adamw|sgd");
  }

  @Test
  void countsStepsOfAnEpochWithAShortLastStep() {
    TrainingConfig c =
        TrainingConfig.builder()
            .method(Method.COGPO)
            .epochs(2)
            .batchSize(2)
            .gradAccumulation(2)
            .build();
    // 9 pairs, 4 per step: steps of 4, 4, 1 → 3 per epoch, 6 in all
    assertThat(c.stepsPerEpoch(9)).isEqualTo(3);
    assertThat(c.totalSteps(9)).isEqualTo(6);
  }
}
