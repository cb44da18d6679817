package dev.cogalign.trainer.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.cogpo.train.TrainingConfig;
import dev.cogalign.cogpo.train.TrainingPrecision;
import dev.cogalign.serviceweb.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A job's {@code precision}: what the trainer accepts, and the 400 reasons it gives otherwise. */
class JobOptionsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static TrainingConfig config(String hyperparameters, List<FieldError> errors) {
    Hyperparameters hp = JobOptions.hyperparameters(JSON.readTree(hyperparameters), errors);
    return JobOptions.trainingConfig(JobType.COGPO, hp, 50, errors);
  }

  @Test
  void aJobWithoutPrecisionTrainsInFp32() {
    List<FieldError> errors = new ArrayList<>();
    TrainingConfig config = config("{\"steps\": 2}", errors);
    assertThat(errors).isEmpty();
    assertThat(config.precision()).isEqualTo(TrainingPrecision.FP32);
  }

  @Test
  void fp16IsAcceptedForAWorkerOnAGpu() {
    List<FieldError> errors = new ArrayList<>();
    TrainingConfig config = config("{\"steps\": 2, \"precision\": \"fp16\"}", errors);
    assertThat(errors).isEmpty();
    assertThat(config.precision()).isEqualTo(TrainingPrecision.FP16);
  }

  @Test
  void bf16IsRefusedWithTheEnginesReason() {
    List<FieldError> errors = new ArrayList<>();
    TrainingConfig config = config("{\"steps\": 2, \"precision\": \"bf16\"}", errors);
    assertThat(config).isNull();
    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("hyperparameters");
              assertThat(e.message()).contains("DJL 0.36's PyTorch JNI aborts the JVM");
            });
  }

  @Test
  void anUnknownPrecisionIsRefusedListingTheAllowedOnes() {
    List<FieldError> errors = new ArrayList<>();
    assertThat(config("{\"steps\": 2, \"precision\": \"tf32\"}", errors)).isNull();
    assertThat(errors)
        .containsExactly(
            new FieldError(
                "hyperparameters.precision", "precision 'tf32' is not one of fp32|fp16|bf16"));
  }
}
