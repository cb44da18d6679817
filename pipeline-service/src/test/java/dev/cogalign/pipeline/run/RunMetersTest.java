package dev.cogalign.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class RunMetersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RunMeters meters = new RunMeters(registry);

  @Test
  void countsFinishedProblemsPerStateAndRunsPerStatus() {
    meters.problem(Outcome.of(ProblemState.REJECTED, "no change"));
    meters.problem(Outcome.of(ProblemState.REJECTED, "no change"));
    meters.problem(Outcome.of(ProblemState.FAILED, "agent down"));
    meters.finished(RunStatus.SUCCEEDED);

    assertThat(registry.get(RunMeters.PROBLEMS).tag("state", "rejected").counter().count())
        .isEqualTo(2.0);
    assertThat(registry.get(RunMeters.PROBLEMS).tag("state", "failed").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get(RunMeters.PAIRS).counter().count()).isZero();
    assertThat(registry.get(RunMeters.RUNS_FINISHED).tag("status", "succeeded").counter().count())
        .isEqualTo(1.0);
  }
}
