package dev.cogalign.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.crv.curriculum.Curriculum;
import dev.cogalign.crv.curriculum.CurriculumProblem;
import dev.cogalign.pipeline.support.AgentServices;
import dev.cogalign.pipeline.support.PipelineIT;
import dev.cogalign.pipeline.support.Runs;
import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.Http.Response;
import dev.cogalign.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What users wait for on pipeline-service's persistence, timed over HTTP so that the same class
 * measures any tree (bench/pipeline-persistence.sh runs it in two, alternately): uploading GSM8K's
 * 7,473-row train file into a new dataset, exporting the pairs of a finished 3,000-problem run, and
 * a run's status view. Opt-in ({@code -Dcogalign.benchmark=true}); numbers in docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "cogalign.benchmark", matches = "true")
class PersistenceBenchmarkIT extends PipelineIT {
  private static final int REPEATS = Integer.getInteger("cogalign.benchmark.repeats", 7);
  private static final int WARMUPS = 3;
  private static final int RUN_PROBLEMS = 3_000;
  private static final int VIEWS = 2_000;
  private static final AgentServices AGENTS = AgentServices.start();

  @DynamicPropertySource
  static void benchmark(DynamicPropertyRegistry registry) {
    AGENTS.register(registry, "cogalign.agents.");
    // the whole train file in one upload, as a user sends it (the other tests' limits are small)
    registry.add("cogalign.upload.max-rows", () -> 10_000);
    registry.add("cogalign.upload.max-bytes", () -> 32 * 1024 * 1024);
  }

  @AfterAll
  static void stopAgents() {
    AGENTS.close();
  }

  @Test
  void timesUploadExportAndRunView() throws IOException {
    String train = Files.readString(SharedData.path("data/gsm8k/train.jsonl"));
    long rows = train.lines().count();
    double[] upload = timed(() -> uploadInto(newDataset("gsm8k-train"), train, rows));

    long run = finishedRun();
    long pairs = http().get("/api/v1/runs/" + run).json().get("pairs").asLong();
    double[] export =
        timed(
            () -> {
              Response body = http().get("/api/v1/runs/" + run + "/pairs");
              assertThat(body.status()).isEqualTo(200);
              assertThat(body.body().lines().count()).isEqualTo(pairs);
              return body;
            });

    String view = "/api/v1/runs/" + run;
    // one client, its connection kept alive, as a dashboard polls
    Http client = http();
    for (int i = 0; i < VIEWS; i++) {
      client.get(view);
    }
    double[] views =
        timed(
            () -> {
              for (int i = 0; i < VIEWS; i++) {
                assertThat(client.get(view).status()).isEqualTo(200);
              }
              return null;
            });

    System.out.println("PersistenceBenchmarkIT");
    System.out.println("| what | median | fastest | repeats |");
    System.out.println("|---|---|---|---|");
    row("upload of the GSM8K train file (" + rows + " rows)", upload, 1, "s");
    row("pairs export of a " + RUN_PROBLEMS + "-problem run (" + pairs + " pairs)", export, 1, "s");
    row("run view, one request (" + VIEWS + " in a row)", views, 1_000.0 / VIEWS, "ms");
    System.out.println();
  }

  private long newDataset(String name) {
    return http().postJson("/api/v1/datasets", Map.of("name", name)).json().get("id").asLong();
  }

  private Response uploadInto(long dataset, String body, long rows) {
    Response created =
        http().post("/api/v1/datasets/" + dataset + "/problems", "application/x-ndjson", body);
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.json().get("created").asLong()).isEqualTo(rows);
    return created;
  }

  /** A run over curriculum problems through the agent services (rules backend), finished. */
  private long finishedRun() {
    long dataset = newDataset("curriculum-" + RUN_PROBLEMS);
    String problems =
        Curriculum.split(2026, RUN_PROBLEMS, 0).train().stream()
            .map(CurriculumProblem::toGsm8kJson)
            .collect(Collectors.joining("\n"));
    uploadInto(dataset, problems, RUN_PROBLEMS);
    long run = Runs.start(http(), Map.of("datasetId", dataset, "concurrency", 8));
    assertThat(Runs.awaitFinished(http(), run, Duration.ofMinutes(10)).get("status").asString())
        .isEqualTo("SUCCEEDED");
    return run;
  }

  /** Seconds of {@link #REPEATS} timed calls after {@link #WARMUPS} untimed ones, sorted. */
  private static double[] timed(Supplier<?> call) {
    for (int i = 0; i < WARMUPS; i++) {
      call.get();
    }
    double[] seconds = new double[REPEATS];
    for (int i = 0; i < REPEATS; i++) {
      long start = System.nanoTime();
      call.get();
      seconds[i] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(seconds);
    return seconds;
  }

  private static void row(String what, double[] sorted, double scale, String unit) {
    System.out.printf(
        "| %s | %.3f %s | %.3f %s | %d |%n",
        what, sorted[sorted.length / 2] * scale, unit, sorted[0] * scale, unit, sorted.length);
  }
}
