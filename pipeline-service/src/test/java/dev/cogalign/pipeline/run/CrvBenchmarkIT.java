package dev.cogalign.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogalign.agentllm.testing.ScriptedChatServer;
import dev.cogalign.pipeline.agent.AgentServices;
import dev.cogalign.pipeline.support.PipelineIT;
import dev.cogalign.pipeline.support.ScriptedModel;
import dev.cogalign.testsupport.SharedData;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline against the agents' llm backend and a chat-completions server answering every call
 * after a fixed 100 ms: problems per second against the ideal bound (concurrency / agent calls per
 * problem / latency), and the platform's own time per agent call. Run with {@code
 * -Dcogalign.benchmark=true}; results in docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "cogalign.benchmark", matches = "true")
@TestPropertySource(properties = {"cogalign.runs.workers=64", "cogalign.upload.max-rows=1000"})
class CrvBenchmarkIT extends PipelineIT {
  private static final Duration LATENCY = Duration.ofMillis(100);
  private static final int PROBLEMS = 200;
  private static final List<Integer> CONCURRENCY = List.of(4, 16, 32);
  private static final ScriptedChatServer CHAT =
      ScriptedChatServer.start().otherwise(new ScriptedModel(false, LATENCY));
  private static final dev.cogalign.pipeline.support.AgentServices AGENTS =
      dev.cogalign.pipeline.support.AgentServices.start(
          "cogalign.agent.backend=llm",
          "cogalign.agent.llm.base-url=" + CHAT.openAiBaseUrl(),
          "cogalign.agent.llm.model=scripted-model",
          "cogalign.agent.llm.resilience.rate-limit=100000");

  @Autowired MeterRegistry meters;

  @DynamicPropertySource
  static void agents(DynamicPropertyRegistry registry) {
    AGENTS.register(registry, "cogalign.agents.");
  }

  @AfterAll
  static void stop() {
    AGENTS.close();
    CHAT.close();
  }

  @Test
  void measuresThroughputAgainstTheIdealBoundAndOverheadPerAgentCall() throws IOException {
    String rows;
    try (var lines = Files.lines(SharedData.path("data/gsm8k/train.jsonl"))) {
      rows = String.join("\n", lines.skip(1000).limit(PROBLEMS).toList());
    }
    StringBuilder report = new StringBuilder();
    for (int concurrency : CONCURRENCY) {
      meters.clear();
      long dataset =
          http()
              .postJson("/api/v1/datasets", Map.of("name", "bench-" + concurrency))
              .json()
              .get("id")
              .asLong();
      http().post("/api/v1/datasets/" + dataset + "/problems", "application/x-ndjson", rows);
      long run =
          http()
              .postJson("/api/v1/runs", Map.of("datasetId", dataset, "concurrency", concurrency))
              .json()
              .get("id")
              .asLong();
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  http()
                      .get("/api/v1/runs/" + run)
                      .json()
                      .get("status")
                      .asString()
                      .equals("SUCCEEDED"));
      JsonNode view = http().get("/api/v1/runs/" + run).json();
      long calls =
          meters.find(AgentServices.CALL_METRIC).timers().stream().mapToLong(Timer::count).sum();
      double callsPerProblem = (double) calls / PROBLEMS;
      double ideal = concurrency / callsPerProblem / (LATENCY.toMillis() / 1000.0);
      double measured = view.get("problemsPerSecond").asDouble();
      HistogramSnapshot wall = merged(AgentServices.CALL_METRIC);
      HistogramSnapshot overhead =
          meters.find(AgentServices.OVERHEAD_METRIC).summaries().iterator().next().takeSnapshot();
      String line =
          String.format(
              "| %d | %d | %.2f | %.2f | %.2f | %.0f%% | %.1f / %.1f | %.1f / %.1f |%n",
              concurrency,
              PROBLEMS,
              callsPerProblem,
              ideal,
              measured,
              100 * measured / ideal,
              percentile(wall, 0.5, TimeUnit.MILLISECONDS) - LATENCY.toMillis(),
              percentile(wall, 0.99, TimeUnit.MILLISECONDS) - LATENCY.toMillis(),
              percentile(overhead, 0.5, null),
              percentile(overhead, 0.99, null));
      report.append(line);
      assertThat(view.get("counts").get("FAILED").asInt()).isZero();
      assertThat(measured).isPositive().isLessThanOrEqualTo(ideal * 1.05);
    }
    System.out.println(
        "BENCHMARK\n| concurrency | problems | agent calls/problem | ideal problems/s"
            + " | measured problems/s | of ideal | agent call beyond the model, p50 / p99 ms"
            + " | pipeline-side overhead, p50 / p99 ms |\n"
            + report);
  }

  /** One agent's snapshot stands for all: the percentiles of the busiest agent timer. */
  private HistogramSnapshot merged(String name) {
    return meters.find(name).tag("agent", "verifier").tag("outcome", "ok").timer().takeSnapshot();
  }

  private static double percentile(HistogramSnapshot snapshot, double p, TimeUnit unit) {
    for (ValueAtPercentile v : snapshot.percentileValues()) {
      if (Math.abs(v.percentile() - p) < 1e-9) {
        return unit == null ? v.value() : v.value(unit);
      }
    }
    throw new IllegalStateException("percentile " + p + " not published");
  }
}
