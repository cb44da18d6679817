package dev.cogalign.trainer.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.trainer.job.JobStatus;
import dev.cogalign.trainer.job.JobType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingMetersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TrainingMeters meters = new TrainingMeters(registry);

  @Test
  void countsStepsPerTypeAndKeepsTheLatestLoss() {
    meters.step(JobType.COGPO, Map.of("loss", 0.69, "grad_norm", 1.0));
    meters.step(JobType.COGPO, Map.of("loss", 0.52));
    meters.step(JobType.SFT, Map.of("loss", 2.5));

    assertThat(registry.get(TrainingMeters.STEPS).tag("type", "cogpo").counter().count())
        .isEqualTo(2.0);
    assertThat(registry.get(TrainingMeters.LOSS).tag("type", "cogpo").gauge().value())
        .isEqualTo(0.52);
    assertThat(registry.get(TrainingMeters.LOSS).tag("type", "sft").gauge().value()).isEqualTo(2.5);
  }

  @Test
  void countsFinishedJobsPerTypeAndStatus() {
    meters.finished(JobType.SFT, JobStatus.SUCCEEDED);
    meters.finished(JobType.SFT, JobStatus.SUCCEEDED);
    meters.finished(JobType.EVAL, JobStatus.FAILED);

    assertThat(
            registry
                .get(TrainingMeters.FINISHED)
                .tags("type", "sft", "status", "succeeded")
                .counter()
                .count())
        .isEqualTo(2.0);
    assertThat(
            registry
                .get(TrainingMeters.FINISHED)
                .tags("type", "eval", "status", "failed")
                .counter()
                .count())
        .isEqualTo(1.0);
  }
}
