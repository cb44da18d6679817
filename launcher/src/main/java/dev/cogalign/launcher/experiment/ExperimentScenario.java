package dev.cogalign.launcher.experiment;

import dev.cogalign.cogpo.model.ScratchStudent;
import dev.cogalign.crv.curriculum.Curriculum;
import dev.cogalign.crv.curriculum.CurriculumProblem;
import dev.cogalign.launcher.demo.DemoException;
import dev.cogalign.launcher.demo.GatewayClient;
import dev.cogalign.launcher.demo.ScenarioConsole;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The experiment as a client of the gateway: the synthetic curriculum of every replicate seed
 * uploaded as datasets (one held-out dataset shared by all), a CRV run over each training dataset,
 * a scratch student per seed registered as a model, then one {@code POST /api/v1/experiments} with
 * every replicate, followed until its jobs have ended; returns the experiment's report data and the
 * training curves of its jobs.
 */
public final class ExperimentScenario {

  private static final Duration POLL = Duration.ofSeconds(2);
  private static final int UPLOAD_ROWS = 10_000;

  private final GatewayClient gateway;
  private final ExperimentPlan plan;
  private final Clock clock;
  private final ScenarioConsole console;

  public ExperimentScenario(
      GatewayClient gateway, ExperimentPlan plan, PrintWriter out, Clock clock) {
    this.gateway = gateway;
    this.plan = plan;
    this.clock = clock;
    this.console = new ScenarioConsole(out, clock, POLL);
  }

  ScenarioConsole console() {
    return console;
  }

  /** What the experiment produced: the report data, the held-out file and every job's curves. */
  public record Outcome(JsonNode experiment, Path heldOutFile, Map<Long, JsonNode> metrics) {}

  public Outcome run() {
    ScenarioConsole.createDirectories(plan.out());
    console.section(
        "1. Data: the synthetic curriculum (held-out set from seed " + plan.seed() + ")");
    List<CurriculumProblem> heldOut =
        Curriculum.split(plan.seed(), 0, plan.heldOut(), plan.maxValue()).heldOut();
    Set<String> heldOutQuestions = new HashSet<>();
    heldOut.forEach(p -> heldOutQuestions.add(p.question()));
    Path heldOutFile = plan.out().resolve("heldout.jsonl").toAbsolutePath();
    Curriculum.writeJsonl(heldOut, heldOutFile);
    long heldOutDataset = dataset("experiment-heldout-seed-" + plan.seed(), heldOutFile);
    console.say(
        "held-out: %d problems in %s, dataset %d", heldOut.size(), heldOutFile, heldOutDataset);

    List<Map<String, Object>> replicates = new ArrayList<>();
    List<Long> runs = new ArrayList<>();
    for (long seed : plan.replicateSeeds()) {
      Path dir = plan.out().resolve("seed-" + seed);
      ScenarioConsole.createDirectories(dir);
      List<CurriculumProblem> train = trainingProblems(seed, heldOutQuestions);
      Path trainFile = dir.resolve("train.jsonl").toAbsolutePath();
      Curriculum.writeJsonl(train, trainFile);
      long dataset = dataset("experiment-train-seed-" + seed, trainFile);
      long run =
          gateway.postJson("/api/v1/runs", Map.of("datasetId", dataset), 201).get("id").asLong();
      Path student =
          ScratchStudent.create(dir.resolve("student"), ScratchStudent.Shape.DEFAULT, seed);
      JsonNode model =
          gateway.postJson(
              "/api/v1/models",
              Map.of("path", student.toAbsolutePath().toString(), "name", "student-seed-" + seed),
              201);
      console.say(
          "seed %d: %d training problems (dataset %d), CRV run %d, student model %d (%s)",
          seed, train.size(), dataset, run, model.get("id").asLong(), student);
      runs.add(run);
      Map<String, Object> replicate = new LinkedHashMap<>();
      replicate.put("seed", seed);
      replicate.put("runId", run);
      replicate.put("heldOutDatasetId", heldOutDataset);
      replicate.put("baseModel", String.valueOf(model.get("id").asLong()));
      replicates.add(replicate);
    }

    console.section("2. Critique-Rethink-Verify over every training set (rules agents)");
    for (long run : runs) {
      awaitRun(run);
    }

    console.section(
        "3. The experiment: "
            + String.join(", ", plan.arms().isEmpty() ? ARMS : plan.arms())
            + ", each evaluated on the held-out problems");
    long id = gateway.postJson("/api/v1/experiments", request(replicates), 201).get("id").asLong();
    JsonNode experiment = awaitExperiment(id);
    Map<Long, JsonNode> metrics = new LinkedHashMap<>();
    experiment
        .path("arms")
        .forEach(
            arm ->
                arm.path("jobs")
                    .forEach(
                        job ->
                            metrics.put(
                                job.asLong(),
                                gateway
                                    .get("/api/v1/jobs/" + job.asLong() + "/metrics")
                                    .path("items"))));
    return new Outcome(experiment, heldOutFile, metrics);
  }

  static final List<String> ARMS =
      List.of("sft_teacher", "sft_crv", "dpo", "cogpo", "sft_crv_continued");

  private Map<String, Object> request(List<Map<String, Object>> replicates) {
    Map<String, Object> sft = plan.sftHyperparameters();
    Map<String, Object> po = new LinkedHashMap<>();
    po.put("steps", plan.poSteps());
    po.put("batchSize", plan.poBatchSize());
    po.put("learningRate", plan.poLearningRate());
    po.put("warmupSteps", Math.min(10, plan.poSteps()));
    po.put("beta", plan.dpoBeta());
    po.put("groupByLength", true);
    Map<String, Object> eval = plan.evalSettings();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "cogalign experiment --seed " + plan.seed() + " --seeds " + plan.seeds());
    body.put("replicates", replicates);
    body.put("sft", sft);
    body.put("po", po);
    body.put("betas", plan.cogpoBetas());
    body.put("eval", eval);
    body.put("annotations", plan.annotations());
    if (!plan.arms().isEmpty()) {
      body.put("arms", plan.arms());
    }
    return body;
  }

  /** The replicate's training problems: its seed's curriculum without any held-out question. */
  List<CurriculumProblem> trainingProblems(long seed, Set<String> heldOut) {
    return trainingProblems(seed, heldOut, plan.trainProblems() / 10 + 100);
  }

  /**
   * The same, drawing from {@code extra} more problems than needed: the held-out set's own seed
   * gives its held-out questions first, so a small training set next to it needs more.
   */
  List<CurriculumProblem> trainingProblems(long seed, Set<String> heldOut, int extra) {
    List<CurriculumProblem> out = new ArrayList<>(plan.trainProblems());
    for (CurriculumProblem p :
        Curriculum.split(seed, plan.trainProblems() + extra, 0, plan.maxValue()).train()) {
      if (!heldOut.contains(p.question())) {
        out.add(p);
        if (out.size() == plan.trainProblems()) {
          return out;
        }
      }
    }
    throw new DemoException(
        "seed " + seed + " gave fewer than " + plan.trainProblems() + " problems off the held-out");
  }

  long dataset(String name, Path rows) {
    long id =
        gateway
            .postJson("/api/v1/datasets", Map.of("name", name + "-" + clock.instant()), 201)
            .get("id")
            .asLong();
    try {
      List<String> lines = Files.readAllLines(rows, StandardCharsets.UTF_8);
      for (int from = 0; from < lines.size(); from += UPLOAD_ROWS) {
        Path chunk = Files.createTempFile(plan.out(), "upload-", ".jsonl");
        try {
          Files.write(chunk, lines.subList(from, Math.min(lines.size(), from + UPLOAD_ROWS)));
          gateway.postJsonLines("/api/v1/datasets/" + id + "/problems", chunk);
        } finally {
          Files.deleteIfExists(chunk);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot upload " + rows, e);
    }
    return id;
  }

  void awaitRun(long runId) {
    Instant deadline = clock.instant().plus(plan.timeout());
    String last = "";
    while (true) {
      JsonNode run = gateway.get("/api/v1/runs/" + runId);
      String status = run.get("status").asString();
      JsonNode c = run.path("counts");
      String line =
          String.format(
              "run %d %-9s %d/%d done (verified %d, rejected %d, failed %d), pairs %d, %.0f"
                  + " problems/s",
              runId,
              status,
              run.path("total").asLong() - c.path("PENDING").asLong(0),
              run.path("total").asLong(),
              c.path("VERIFIED").asLong(0),
              c.path("REJECTED").asLong(0),
              c.path("FAILED").asLong(0),
              run.path("pairs").asLong(),
              run.path("problemsPerSecond").asDouble());
      if (!status.equals(last)) { // the run's progress is printed as its status changes
        console.say("%s", line);
        last = status;
      }
      if (status.equals("SUCCEEDED")) {
        return;
      }
      if (status.equals("FAILED") || status.equals("CANCELLED")) {
        throw new DemoException("run " + runId + " ended " + status + ": " + run.path("reason"));
      }
      console.waitOrGiveUp(deadline, plan.timeout(), "run " + runId);
    }
  }

  JsonNode awaitExperiment(long id) {
    Instant deadline = clock.instant().plus(plan.timeout());
    String last = "";
    while (true) {
      JsonNode e = gateway.get("/api/v1/experiments/" + id);
      String status = e.get("status").asString();
      StringBuilder line = new StringBuilder("experiment " + id + " " + status + ":");
      e.path("arms")
          .properties()
          .forEach(
              arm -> {
                line.append(' ').append(arm.getKey()).append(' ');
                List<String> cells = new ArrayList<>();
                arm.getValue()
                    .path("accuracy")
                    .forEach(
                        a -> cells.add(a.isNumber() ? String.format("%.3f", a.asDouble()) : "…"));
                line.append(String.join("/", cells));
              });
      if (!line.toString().equals(last)) {
        console.say("%s", line);
        last = line.toString();
      }
      if (status.equals("SUCCEEDED")) {
        return e;
      }
      if (status.equals("FAILED")) {
        throw new DemoException("experiment " + id + " failed: " + e.path("reason").asString());
      }
      console.waitOrGiveUp(deadline, plan.timeout(), "experiment " + id);
    }
  }
}
