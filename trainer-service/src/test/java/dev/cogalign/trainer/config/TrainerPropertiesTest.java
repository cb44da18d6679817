package dev.cogalign.trainer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrainerPropertiesTest {

  @Test
  void unsetPropertiesTakeTheDeclaredDefaults() {
    TrainerProperties p =
        new TrainerProperties(null, null, null, null, null, null, null, null, null);

    assertThat(p.pipelineUrl()).isEqualTo(TrainerProperties.DEFAULT_PIPELINE_URL);
    assertThat(p.storageDir()).isEqualTo(TrainerProperties.DEFAULT_STORAGE_DIR);
    assertThat(p.checkpointEvery()).isEqualTo(TrainerProperties.DEFAULT_CHECKPOINT_EVERY);
    assertThat(p.worker().enabled()).isTrue();
    assertThat(p.worker().concurrency()).isEqualTo(1);
    assertThat(p.worker().heartbeatInterval()).isLessThan(p.worker().leaseDuration());
    assertThat(p.allModelRoots()).containsExactly(TrainerProperties.DEFAULT_STORAGE_DIR);
    assertThat(p.maxModelUploadBytes()).isEqualTo(TrainerProperties.DEFAULT_MAX_MODEL_UPLOAD_BYTES);
  }

  @Test
  void refusesAHeartbeatThatCannotKeepItsLease() {
    assertThatThrownBy(
            () ->
                new TrainerProperties.Worker(
                    true, "w", 1, null, Duration.ofSeconds(5), Duration.ofSeconds(5)))
        .hasMessageContaining("heartbeat-interval PT5S must be shorter than the lease duration");
  }

  @Test
  void refusesAWorkerWithoutJobSlots() {
    assertThatThrownBy(() -> new TrainerProperties.Worker(true, "w", 0, null, null, null))
        .hasMessageContaining("concurrency 0 must be >= 1");
  }
}
