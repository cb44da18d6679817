package dev.cogalign.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogalign.pipeline.support.Datasets;
import dev.cogalign.pipeline.support.PipelineIT;
import dev.cogalign.pipeline.support.RuleAgentServer;
import dev.cogalign.pipeline.support.Runs;
import dev.cogalign.pipeline.support.ScoringServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A trainer-service that cannot score when a student-critic run starts: the run is neither failed
 * nor its problems, it waits unfinished with every problem PENDING and no thresholds, and the next
 * adoption calibrates and finishes it.
 */
class StudentCriticOutageIT extends PipelineIT {
  private static final long MODEL = 5;
  private static final RuleAgentServer AGENTS = new RuleAgentServer();
  private static final ScoringServer TRAINER = new ScoringServer(MODEL);

  @Autowired RunExecutor executor;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    registry.add("cogalign.agents.critic-url", AGENTS::url);
    registry.add("cogalign.agents.rethink-url", AGENTS::url);
    registry.add("cogalign.agents.verifier-url", AGENTS::url);
    registry.add("cogalign.student.trainer-url", TRAINER::url);
    registry.add("cogalign.agents.unavailable-timeout", () -> "300ms");
  }

  @AfterAll
  static void stop() {
    AGENTS.close();
    TRAINER.close();
  }

  @Test
  void aTrainerOutageAtCalibrationLeavesTheRunUnfinishedWithItsProblemsPendingUntilAdopted()
      throws IOException {
    long dataset = Datasets.ofGsm8kTrain(http(), "student-outage", 40, 43);
    TRAINER.down(true);

    long run =
        Runs.start(
            http(),
            Map.of(
                "datasetId",
                dataset,
                "backends",
                Map.of("critic", "student"),
                "studentModelId",
                MODEL));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> TRAINER.scoreRequests() > 0 && !executor.executing(run));

    JsonNode waiting = http().get("/api/v1/runs/" + run).json();
    assertThat(waiting.get("status").asString()).isEqualTo("RUNNING");
    assertThat(waiting.get("counts").get("PENDING").asLong()).isEqualTo(3);
    assertThat(waiting.get("config").get("studentCritic").get("thresholds").isNull()).isTrue();

    TRAINER.down(false);
    executor.start(run); // what the periodic adoption does
    JsonNode done = Runs.awaitFinished(http(), run, Duration.ofSeconds(30));
    assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(done.get("counts").get("FAILED").asLong()).isZero();
    JsonNode studentCritic = done.get("config").get("studentCritic");
    assertThat(studentCritic.get("calibrationSampleSize").asInt()).isEqualTo(3);
    // lines at 1.0, 1.25, 1.5, … nats per token: the thresholds are quantiles of those
    assertThat(studentCritic.get("thresholds").get("trivialNllPerToken").asDouble())
        .isBetween(1.0, 1.25);
  }
}
