package dev.cogalign.launcher.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogalign.launcher.demo.DemoPlan;
import dev.cogalign.launcher.demo.GatewayClient;
import dev.cogalign.launcher.demo.SharedFolder;
import dev.cogalign.launcher.platform.Platform;
import dev.cogalign.launcher.platform.PlatformSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * What the dashboard shows, made through the public API only: the whole platform on a fresh data
 * directory, a CRV run over the first GSM8K train problems with the rules agents, the tiny fixture
 * model registered and an SFT job of a few steps on the run's verified CoTs; a few GSM8K test
 * problems as the held-out dataset of the experiment a test starts.
 */
final class DashboardScenario implements AutoCloseable {

  static final int PROBLEMS = 10;
  static final int SFT_STEPS = 4;
  static final Set<String> FINISHED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

  /** The experiment's arms: the two SFT arms, the ones that need no model trained before them. */
  static final List<String> EXPERIMENT_ARMS = List.of("sft_teacher", "sft_crv");

  static final int EXPERIMENT_STEPS = 2;

  /** Held-out problems (GSM8K test) each arm's EVAL answers, with a few new tokens each. */
  static final int HELD_OUT = 3;

  static final int EVAL_MAX_NEW_TOKENS = 8;

  private final Platform platform;
  private final GatewayClient api;
  private long runId;
  private long heldOutDatasetId;
  private JsonNode run;
  private long baseModelId;
  private long sftJobId;
  private JsonNode sftJob;

  private DashboardScenario(Platform platform) {
    this.platform = platform;
    this.api =
        new GatewayClient(
            platform.gatewayUrl(),
            platform.adminKey(),
            platform.adminKeyFile(),
            new PrintWriter(new StringWriter()));
  }

  /** Starts the platform, runs CRV and the SFT job, both to SUCCEEDED. */
  static DashboardScenario start(Path dataDirectory) throws IOException {
    Path shared = SharedFolder.locate().orElseThrow();
    DashboardScenario scenario =
        new DashboardScenario(
            Platform.start(
                new PlatformSettings(
                    0,
                    dataDirectory,
                    null,
                    0,
                    Map.of(
                        "cogalign.agent.backend",
                        "rules",
                        "cogalign.trainer.storage-dir",
                        dataDirectory.resolve("trainer").toString()))));
    try {
      scenario.runCrv(shared, dataDirectory.resolve("problems.jsonl"));
      scenario.trainSft(shared.resolve("fixtures/hf-tiny/qwen2-tiny").toAbsolutePath());
      return scenario;
    } catch (RuntimeException | IOException | Error e) {
      scenario.close();
      throw e;
    }
  }

  private void runCrv(Path shared, Path rows) throws IOException {
    long datasetId = dataset("dashboard", shared.resolve("data/gsm8k/train.jsonl"), PROBLEMS, rows);
    heldOutDatasetId =
        dataset(
            "dashboard-held-out",
            shared.resolve("data/gsm8k/test.jsonl"),
            HELD_OUT,
            rows.resolveSibling("held-out.jsonl"));
    runId = api.postJson("/api/v1/runs", Map.of("datasetId", datasetId), 201).get("id").asLong();
    run = awaitFinished("/api/v1/runs/" + runId);
    assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
  }

  /** A dataset of the first {@code count} problems of {@code source}; its id. */
  private long dataset(String name, Path source, int count, Path rows) throws IOException {
    long id = api.postJson("/api/v1/datasets", Map.of("name", name), 201).get("id").asLong();
    try (Stream<String> lines = Files.lines(source, StandardCharsets.UTF_8)) {
      Files.write(rows, lines.filter(l -> !l.isBlank()).limit(count).toList());
    }
    api.postJsonLines("/api/v1/datasets/" + id + "/problems", rows);
    return id;
  }

  private void trainSft(Path model) {
    baseModelId =
        api.postJson("/api/v1/models", Map.of("path", model.toString(), "name", "qwen2-tiny"), 201)
            .get("id")
            .asLong();
    sftJobId = submit("SFT", baseModelId, SFT_STEPS);
    sftJob = awaitFinished("/api/v1/jobs/" + sftJobId);
    assertThat(sftJob.get("status").asString()).as(sftJob.toString()).isEqualTo("SUCCEEDED");
  }

  Platform platform() {
    return platform;
  }

  GatewayClient api() {
    return api;
  }

  long runId() {
    return runId;
  }

  /** The run as the API reported it once finished. */
  JsonNode run() {
    return run;
  }

  long baseModelId() {
    return baseModelId;
  }

  long sftJobId() {
    return sftJobId;
  }

  /** The SFT job as the API reported it once finished. */
  JsonNode sftJob() {
    return sftJob;
  }

  URI url(String path) {
    return platform.gatewayUrl().resolve(path);
  }

  /** A {@code type} job on the run's data from {@code baseModel}; its id. */
  long submit(String type, long baseModel, int steps) {
    Map<String, Object> hyperparameters = new LinkedHashMap<>();
    hyperparameters.put("steps", steps);
    hyperparameters.put("batchSize", DemoPlan.DEFAULT_BATCH_SIZE);
    hyperparameters.put("learningRate", DemoPlan.DEFAULT_LEARNING_RATE);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("baseModel", String.valueOf(baseModel));
    body.put("data", Map.of("runId", runId));
    body.put("hyperparameters", hyperparameters);
    return api.postJson("/api/v1/jobs", body, 201).get("id").asLong();
  }

  /**
   * An experiment of one replicate on the run, the held-out problems and the tiny model: both SFT
   * arms, a few steps each, then their EVALs; its id (it is queued, not awaited).
   */
  long startExperiment() {
    Map<String, Object> replicate = new LinkedHashMap<>();
    replicate.put("seed", 1);
    replicate.put("runId", runId);
    replicate.put("heldOutDatasetId", heldOutDatasetId);
    replicate.put("baseModel", String.valueOf(baseModelId));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "dashboard experiment");
    body.put("replicates", List.of(replicate));
    body.put(
        "sft",
        Map.of(
            "steps",
            EXPERIMENT_STEPS,
            "batchSize",
            DemoPlan.DEFAULT_BATCH_SIZE,
            "learningRate",
            DemoPlan.DEFAULT_LEARNING_RATE));
    body.put("eval", Map.of("maxNewTokens", EVAL_MAX_NEW_TOKENS, "limit", HELD_OUT));
    body.put("arms", EXPERIMENT_ARMS);
    return api.postJson("/api/v1/experiments", body, 201).get("id").asLong();
  }

  /** Polls the run or job at {@code path} until it has finished; its last answer. */
  JsonNode awaitFinished(String path) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              last[0] = api.get(path);
              return FINISHED.contains(last[0].get("status").asString());
            });
    return last[0];
  }

  /** The run's pairs per mini-task, counted from its pairs export. */
  Map<String, Long> pairsPerMiniTask(Path download) {
    Map<String, Long> perTask = new HashMap<>();
    try (Stream<String> lines =
        Files.lines(api.download("/api/v1/runs/" + runId + "/pairs", download))) {
      lines
          .filter(l -> !l.isBlank())
          .map(l -> api.json().readTree(l).get("mini_task").asString())
          .forEach(task -> perTask.merge(task, 1L, Long::sum));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertThat(perTask.values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(run.get("pairs").asLong());
    return perTask;
  }

  /** A problem of the run whose teacher CoT was extended. */
  JsonNode problemWithExtension() {
    for (JsonNode item : api.get("/api/v1/runs/" + runId + "/problems").get("items")) {
      JsonNode problem = api.get("/api/v1/problems/" + item.get("problemId").asLong());
      JsonNode teacher = revision(problem, "TEACHER");
      JsonNode extended = revision(problem, "EXTENDED");
      if (teacher != null
          && extended != null
          && extended.get("parentId").asLong() == teacher.get("id").asLong()) {
        return problem;
      }
    }
    throw new AssertionError("no problem of run " + runId + " has an extended teacher CoT");
  }

  /** The problem's first revision of this origin, or null. */
  static JsonNode revision(JsonNode problem, String origin) {
    for (JsonNode revision : problem.get("revisions")) {
      if (revision.get("origin").asString().equals(origin)) {
        return revision;
      }
    }
    return null;
  }

  @Override
  public void close() {
    platform.close();
  }
}
