package dev.cogalign.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.crv.curriculum.Curriculum;
import dev.cogalign.crv.curriculum.CurriculumProblem;
import dev.cogalign.pipeline.support.AgentServices;
import dev.cogalign.pipeline.support.PipelineIT;
import dev.cogalign.pipeline.support.Runs;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * How many synthetic curriculum problems per second a CRV run processes through the three agent
 * services (rules backend) over real HTTP, pipeline-service on embedded PostgreSQL. Opt-in ({@code
 * -Dcogalign.benchmark=true}); the numbers are in docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "cogalign.benchmark", matches = "true")
class CurriculumThroughputIT extends PipelineIT {
  private static final int PROBLEMS = Integer.getInteger("cogalign.benchmark.problems", 3_000);
  private static final AgentServices AGENTS = AgentServices.start();

  @DynamicPropertySource
  static void agents(DynamicPropertyRegistry registry) {
    AGENTS.register(registry, "cogalign.agents.");
  }

  @AfterAll
  static void stopAgents() {
    AGENTS.close();
  }

  @Test
  void processesEveryCurriculumProblemIntoAVerifiedFittingRewrite() {
    List<CurriculumProblem> problems = Curriculum.split(2026, PROBLEMS, 0).train();
    long dataset =
        http()
            .postJson("/api/v1/datasets", Map.of("name", "curriculum-" + PROBLEMS))
            .json()
            .get("id")
            .asLong();
    for (int from = 0; from < PROBLEMS; from += MAX_ROWS) {
      String body =
          problems.subList(from, Math.min(PROBLEMS, from + MAX_ROWS)).stream()
              .map(CurriculumProblem::toGsm8kJson)
              .collect(Collectors.joining("\n"));
      http().post("/api/v1/datasets/" + dataset + "/problems", "application/x-ndjson", body);
    }
    for (int concurrency : new int[] {4, 8, 16}) {
      long wall = System.nanoTime();
      long run = Runs.start(http(), Map.of("datasetId", dataset, "concurrency", concurrency));
      JsonNode view = Runs.awaitFinished(http(), run, Duration.ofMinutes(10));
      double wallSeconds = (System.nanoTime() - wall) / 1e9;
      double seconds =
          Duration.between(
                      OffsetDateTime.parse(view.get("startedAt").asString()),
                      OffsetDateTime.parse(view.get("finishedAt").asString()))
                  .toMillis()
              / 1e3;
      System.out.printf(
          "CRV over %d curriculum problems, concurrency %d: %.1f s start to finish (%.1f problems/s),"
              + " %.1f s wall, counts %s, pairs %d%n",
          PROBLEMS,
          concurrency,
          seconds,
          PROBLEMS / seconds,
          wallSeconds,
          view.get("counts"),
          view.get("pairs").asInt());
      assertThat(view.get("counts").get("VERIFIED").asInt()).isEqualTo(PROBLEMS);
    }
  }
}
