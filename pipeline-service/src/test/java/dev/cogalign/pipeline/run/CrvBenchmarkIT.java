package dev.cogalign.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import dev.cogalign.agentllm.testing.ScriptedChatServer;
import dev.cogalign.pipeline.agent.AgentServices;
import dev.cogalign.pipeline.support.PipelineIT;
import dev.cogalign.pipeline.support.Runs;
import dev.cogalign.pipeline.support.ScriptedModel;
import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.SharedData;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Collection;
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
 * 100 ms after it arrives: problems per second against the ideal bound (concurrency / agent calls
 * per problem / latency), and where an agent call's time goes beyond the model. {@link #WARM_UPS}
 * runs at concurrency 16 on other problems come first, each reported (the first is the cold
 * figure): the platform's five applications share this JVM, and its JIT compiler is still busy
 * through the first thousands of agent calls. Run with {@code -Dcogalign.benchmark=true}; results
 * in docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "cogalign.benchmark", matches = "true")
@TestPropertySource(properties = {"cogalign.runs.workers=64", "cogalign.upload.max-rows=1000"})
class CrvBenchmarkIT extends PipelineIT {
  private static final Duration LATENCY = Duration.ofMillis(100);
  private static final int PROBLEMS = 200;
  private static final List<Integer> CONCURRENCY = List.of(4, 16, 32);
  private static final int WARM_UP_CONCURRENCY = 16;
  private static final int WARM_UPS = 8;

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
    Http api = http();
    StringBuilder report = new StringBuilder();
    StringBuilder hops = new StringBuilder();
    for (int warmUp = 1; warmUp <= WARM_UPS; warmUp++) {
      String rows = rows(1000 + warmUp * PROBLEMS);
      report.append(measure(api, "warm-up " + warmUp, rows, WARM_UP_CONCURRENCY).row());
    }
    String rows = rows(1000);
    for (int concurrency : CONCURRENCY) {
      Measured measured = measure(api, String.valueOf(concurrency), rows, concurrency);
      report.append(measured.row());
      hops.append(measured.hops());
    }
    System.out.println(
        "BENCHMARK\n| run | concurrency | agent calls/problem | ideal problems/s | measured"
            + " problems/s | of ideal | agent call beyond the model, mean / p50 / p99 ms |"
            + " pipeline-side overhead, p50 / p99 ms | test JVM CPU per agent call | JIT busy"
            + " (compilations' elapsed time / run time) |\n"
            + report
            + "\nWHERE AN AGENT CALL'S TIME GOES (means, ms)\n| concurrency | model server"
            + " (OkHttp's exchange) | Spring AI and the OpenAI SDK | agent service (Resilience4j,"
            + " prompts, parsing, its thread hop) | pipeline to agent and back (HTTP, JSON) | the"
            + " call in all | problem time not in agent calls |\n"
            + hops);
  }

  /** One run's figures, as a row of the report. */
  private record Measured(String row, String hops) {}

  private Measured measure(Http api, String name, String rows, int concurrency) {
    meters.clear();
    AGENTS.contexts().forEach(context -> context.getBean(MeterRegistry.class).clear());
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    long wallBefore = System.nanoTime();
    JsonNode view = run(api, name, rows, concurrency);
    double wallMillis = (System.nanoTime() - wallBefore) / 1e6;
    double cpuMillis = (os.getProcessCpuTime() - cpuBefore) / 1e6;
    double jitShare =
        (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore)
            / wallMillis;

    Collection<Timer> timers = meters.find(AgentServices.CALL_METRIC).timers();
    long calls = timers.stream().mapToLong(Timer::count).sum();
    double meanCall =
        timers.stream().mapToDouble(t -> t.totalTime(TimeUnit.MILLISECONDS)).sum() / calls;
    double callsPerProblem = (double) calls / PROBLEMS;
    double ideal = concurrency / callsPerProblem / (LATENCY.toMillis() / 1000.0);
    double measured = view.get("problemsPerSecond").asDouble();
    HistogramSnapshot wall = merged(AgentServices.CALL_METRIC);
    HistogramSnapshot overhead =
        meters.find(AgentServices.OVERHEAD_METRIC).summaries().iterator().next().takeSnapshot();
    assertThat(view.get("counts").get("FAILED").asInt()).isZero();
    assertThat(measured).isPositive().isLessThanOrEqualTo(ideal * 1.05);

    String row =
        String.format(
            "| %s | %d | %.2f | %.2f | %.2f | %.0f%% | %.1f / %.1f / %.1f | %.1f / %.1f | %.1f ms |"
                + " %.0f%% |%n",
            name,
            concurrency,
            callsPerProblem,
            ideal,
            measured,
            100 * measured / ideal,
            meanCall - LATENCY.toMillis(),
            percentile(wall, 0.5, TimeUnit.MILLISECONDS) - LATENCY.toMillis(),
            percentile(wall, 0.99, TimeUnit.MILLISECONDS) - LATENCY.toMillis(),
            percentile(overhead, 0.5, null),
            percentile(overhead, 0.99, null),
            cpuMillis / calls,
            100 * jitShare);
    double exchange = agentMean("okhttp.requests", null);
    double springAi = agentMean("spring.ai.chat.client", null);
    double served = agentMean("http.server.requests", "/api/v1/");
    double problemTime = concurrency * 1000 / measured;
    String hopsRow =
        String.format(
            "| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f per problem |%n",
            concurrency,
            exchange,
            springAi - exchange,
            served - springAi,
            meanCall - served,
            meanCall,
            problemTime - meanCall * callsPerProblem);
    return new Measured(row, hopsRow);
  }

  /**
   * The mean of a timer over the three agent services' calls (weighted by their counts), with the
   * {@code uri} tag starting with the given prefix when not null.
   */
  private static double agentMean(String name, String uriPrefix) {
    double total = 0;
    long count = 0;
    for (var context : AGENTS.contexts()) {
      for (Timer timer : context.getBean(MeterRegistry.class).find(name).timers()) {
        String uri = timer.getId().getTag("uri");
        if (uriPrefix == null || (uri != null && uri.startsWith(uriPrefix))) {
          total += timer.totalTime(TimeUnit.MILLISECONDS);
          count += timer.count();
        }
      }
    }
    return total / count;
  }

  /** {@link #PROBLEMS} GSM8K train rows from the given row on. */
  private static String rows(int from) throws IOException {
    try (var lines = Files.lines(SharedData.path("data/gsm8k/train.jsonl"))) {
      return String.join("\n", lines.skip(from).limit(PROBLEMS).toList());
    }
  }

  /** Uploads the rows to a new dataset, runs CRV on it and answers the finished run's view. */
  private static JsonNode run(Http api, String name, String rows, int concurrency) {
    long dataset =
        api.postJson("/api/v1/datasets", Map.of("name", "bench " + name)).json().get("id").asLong();
    api.post("/api/v1/datasets/" + dataset + "/problems", "application/x-ndjson", rows);
    long run = Runs.start(api, Map.of("datasetId", dataset, "concurrency", concurrency));
    JsonNode view = Runs.awaitFinished(api, run, Duration.ofMinutes(5));
    assertThat(view.get("status").asString()).as(view.toString()).isEqualTo("SUCCEEDED");
    return view;
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
