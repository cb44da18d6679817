package dev.cogalign.launcher.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The platform's main job, as a client of the gateway only: a dataset of GSM8K rows, a CRV run over
 * it and its preference pairs, then SFT of the student on the run's verified CoTs and CogPO from
 * the SFT model on the run's pairs.
 */
public final class DemoScenario {

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Set<String> FINISHED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
  private static final List<String> STATES =
      List.of("PENDING", "VERIFIED", "REJECTED", "SKIPPED", "FAILED");
  private static final List<String> MINI_TASKS = List.of("ALIGN", "CALIBRATE", "CORRECT");

  private final GatewayClient gateway;
  private final DemoPlan plan;
  private final Clock clock;
  private final ScenarioConsole console;

  public DemoScenario(GatewayClient gateway, DemoPlan plan, PrintWriter out, Clock clock) {
    this.gateway = gateway;
    this.plan = plan;
    this.clock = clock;
    this.console = new ScenarioConsole(out, clock, POLL);
  }

  /** Runs every step; a failed call, run or job ends it with a {@link DemoException}. */
  public DemoResult run() {
    ScenarioConsole.createDirectories(plan.out());

    console.section("1. Dataset: the first " + plan.problems() + " GSM8K train problems");
    long datasetId =
        gateway
            .postJson("/api/v1/datasets", Map.of("name", "gsm8k-demo-" + clock.instant()), 201)
            .get("id")
            .asLong();
    Path rows = writeFirstRows(plan.gsm8k(), plan.problems(), plan.out().resolve("problems.jsonl"));
    JsonNode uploaded = gateway.postJsonLines("/api/v1/datasets/" + datasetId + "/problems", rows);
    console.say(
        "dataset %d: %d problems created, %d already there",
        datasetId, uploaded.get("created").asLong(), uploaded.get("existing").asLong());

    console.section("2. Critique-Rethink-Verify run (rules agents)");
    long runId =
        gateway.postJson("/api/v1/runs", Map.of("datasetId", datasetId), 201).get("id").asLong();
    JsonNode run = awaitRun(runId);
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String state : STATES) {
      counts.put(state, run.path("counts").path(state).asLong(0));
    }
    double runSeconds = seconds(run.path("startedAt"), run.path("finishedAt"));
    double problemsPerSecond = runSeconds > 0 ? run.get("total").asLong() / runSeconds : 0;
    console.say(
        "run %d %s in %.1f s (%.1f problems/s): verified %d, rejected %d, skipped %d, failed %d",
        runId,
        run.get("status").asString(),
        runSeconds,
        problemsPerSecond,
        counts.get("VERIFIED"),
        counts.get("REJECTED"),
        counts.get("SKIPPED"),
        counts.get("FAILED"));
    if (!"SUCCEEDED".equals(run.get("status").asString())) {
      throw new DemoException(
          "run " + runId + " ended " + run.get("status").asString() + ": " + run.path("reason"));
    }
    Path pairs =
        gateway.download("/api/v1/runs/" + runId + "/pairs", plan.out().resolve("pairs.jsonl"));
    Path sft = gateway.download("/api/v1/runs/" + runId + "/sft", plan.out().resolve("sft.jsonl"));
    Map<String, Long> pairsPerTask = pairsPerMiniTask(pairs);
    console.say(
        "preference pairs: %d (%s), betas %s",
        run.get("pairs").asLong(), describe(pairsPerTask), run.path("config").path("betas"));
    console.say("pairs written to %s, SFT records (%d) to %s", pairs, lines(sft), sft);

    console.section("3. SFT of the student on the run's verified CoTs");
    JsonNode base =
        gateway.postJson(
            "/api/v1/models",
            Map.of("path", plan.model().toAbsolutePath().toString(), "name", name(plan.model())),
            201);
    long baseId = base.get("id").asLong();
    console.say(
        "base model %d: %s (%s)", baseId, base.get("name").asString(), base.get("path").asString());
    long sftJob = submit("SFT", baseId, runId);
    JsonNode sftDone = awaitJob(sftJob);
    long sftModel = sftDone.get("outputModelId").asLong();
    printTraining(sftJob, sftDone);

    console.section("4. CogPO from the SFT model on the run's preference pairs");
    long cogpoJob = submit("COGPO", sftModel, runId);
    JsonNode cogpoDone = awaitJob(cogpoJob);
    long cogpoModel = cogpoDone.get("outputModelId").asLong();
    printTraining(cogpoJob, cogpoDone);

    console.section("5. Model lineage");
    JsonNode trained = gateway.get("/api/v1/models/" + cogpoModel);
    List<Long> lineage = new ArrayList<>();
    trained.path("lineage").forEach(id -> lineage.add(id.asLong()));
    lineage.add(cogpoModel);
    for (long id : lineage) {
      JsonNode model = id == cogpoModel ? trained : gateway.get("/api/v1/models/" + id);
      console.say(
          "%s model %d %-12s %s%s",
          id == lineage.get(0) ? " " : "→",
          id,
          model.get("kind").asString(),
          model.get("path").asString(),
          model.path("jobId").isNumber() ? "  (job " + model.get("jobId").asLong() + ")" : "");
    }
    Path copy = copyFolder(Path.of(trained.get("path").asString()), plan.out().resolve("model"));
    console.say("the CogPO model is copied to %s", copy);

    return new DemoResult(
        datasetId,
        runId,
        counts,
        runSeconds,
        problemsPerSecond,
        pairsPerTask,
        pairs,
        sft,
        sftJob,
        cogpoJob,
        List.copyOf(lineage),
        copy);
  }

  private JsonNode awaitRun(long runId) {
    Instant deadline = clock.instant().plus(plan.timeout());
    String last = "";
    while (true) {
      JsonNode run = gateway.get("/api/v1/runs/" + runId);
      String status = run.get("status").asString();
      JsonNode c = run.path("counts");
      long total = run.path("total").asLong();
      long done = total - c.path("PENDING").asLong(0);
      String line =
          String.format(
              "run %d %-9s %d/%d done (verified %d, rejected %d, failed %d), pairs %d",
              runId,
              status,
              done,
              total,
              c.path("VERIFIED").asLong(0),
              c.path("REJECTED").asLong(0),
              c.path("FAILED").asLong(0),
              run.path("pairs").asLong());
      if (!line.equals(last)) {
        console.say("%s", line);
        last = line;
      }
      if (FINISHED.contains(status)) {
        return run;
      }
      console.waitOrGiveUp(deadline, plan.timeout(), "run " + runId);
    }
  }

  private long submit(String type, long baseModel, long runId) {
    Map<String, Object> hyperparameters = new LinkedHashMap<>();
    hyperparameters.put("steps", plan.steps());
    hyperparameters.put("batchSize", DemoPlan.DEFAULT_BATCH_SIZE);
    hyperparameters.put("learningRate", DemoPlan.DEFAULT_LEARNING_RATE);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("baseModel", String.valueOf(baseModel));
    body.put("data", Map.of("runId", runId));
    body.put("hyperparameters", hyperparameters);
    long id = gateway.postJson("/api/v1/jobs", body, 201).get("id").asLong();
    console.say(
        "%s job %d submitted (base model %d, run %d, %d steps)",
        type, id, baseModel, runId, plan.steps());
    return id;
  }

  private JsonNode awaitJob(long jobId) {
    Instant deadline = clock.instant().plus(plan.timeout());
    String last = "";
    while (true) {
      JsonNode job = gateway.get("/api/v1/jobs/" + jobId);
      String status = job.get("status").asString();
      JsonNode loss = job.path("latestMetrics").path("loss");
      String line =
          String.format(
              "job %d %s %-9s step %d/%d%s",
              jobId,
              job.get("type").asString(),
              status,
              job.path("stepsCompleted").asInt(),
              job.path("totalSteps").asInt(),
              loss.isNumber() ? String.format(" loss %.4f", loss.asDouble()) : "");
      if (!line.equals(last)) {
        console.say("%s", line);
        last = line;
      }
      if (FINISHED.contains(status)) {
        if (!"SUCCEEDED".equals(status)) {
          throw new DemoException("job " + jobId + " ended " + status + ": " + job.path("error"));
        }
        return job;
      }
      console.waitOrGiveUp(deadline, plan.timeout(), "job " + jobId);
    }
  }

  private void printTraining(long jobId, JsonNode job) {
    JsonNode items = gateway.get("/api/v1/jobs/" + jobId + "/metrics").path("items");
    List<JsonNode> steps = new ArrayList<>();
    items.forEach(steps::add);
    if (steps.isEmpty()) {
      throw new DemoException("job " + jobId + " recorded no metrics");
    }
    JsonNode first = steps.get(0).path("metrics");
    JsonNode lastStep = steps.get(steps.size() - 1).path("metrics");
    console.say(
        "job %d %s in %.1f s: loss %.4f (step 1) → %.4f (step %d), model %d",
        jobId,
        job.get("type").asString(),
        job.path("elapsedSeconds").asDouble(),
        first.path("loss").asDouble(),
        lastStep.path("loss").asDouble(),
        steps.get(steps.size() - 1).path("step").asInt(),
        job.get("outputModelId").asLong());
    if (!lastStep.has("rewards/margins")) {
      return;
    }
    console.say(
        "  rewards/margins %.4f, rewards/accuracies %.2f (last step)",
        lastStep.path("rewards/margins").asDouble(),
        lastStep.path("rewards/accuracies").asDouble());
    for (String task : MINI_TASKS) {
      String name = "rewards/margins/" + task;
      double sum = 0;
      int n = 0;
      Double latest = null;
      for (JsonNode step : steps) {
        JsonNode value = step.path("metrics").path(name);
        if (value.isNumber()) {
          sum += value.asDouble();
          n++;
          latest = value.asDouble();
        }
      }
      if (n == 0) {
        console.say("  %-9s no pair in any batch", task);
      } else {
        console.say(
            "  %-9s rewards/margins mean %.4f over %d steps, latest %.4f",
            task, sum / n, n, latest);
      }
    }
  }

  private Map<String, Long> pairsPerMiniTask(Path pairs) {
    Map<String, Long> perTask = new TreeMap<>();
    MINI_TASKS.forEach(task -> perTask.put(task, 0L));
    try (BufferedReader reader = Files.newBufferedReader(pairs, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          String task = gateway.json().readTree(line).path("mini_task").asString();
          perTask.merge(task, 1L, Long::sum);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return perTask;
  }

  private static Path writeFirstRows(Path source, int count, Path target) {
    if (!Files.isRegularFile(source)) {
      throw new DemoException("no GSM8K file at " + source);
    }
    List<String> rows = new ArrayList<>(count);
    try (BufferedReader reader = Files.newBufferedReader(source, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null && rows.size() < count; ) {
        if (!line.isBlank()) {
          rows.add(line);
        }
        line = reader.readLine();
      }
      if (rows.size() < count) {
        throw new DemoException(source + " holds only " + rows.size() + " rows, not " + count);
      }
      Files.write(target, rows, StandardCharsets.UTF_8);
      return target;
    } catch (IOException e) {
      throw new DemoException("cannot copy rows of " + source + " to " + target, e);
    }
  }

  private static Path copyFolder(Path source, Path target) {
    try {
      if (Files.exists(target)) {
        try (Stream<Path> old = Files.walk(target)) {
          for (Path p : old.sorted((a, b) -> b.compareTo(a)).toList()) {
            Files.delete(p);
          }
        }
      }
      try (Stream<Path> files = Files.walk(source)) {
        for (Path p : files.filter(p -> !p.startsWith(source.resolve("checkpoints"))).toList()) {
          Path to = target.resolve(source.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(to);
          } else {
            Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      return target;
    } catch (IOException e) {
      throw new DemoException("cannot copy the model " + source + " to " + target, e);
    }
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.filter(l -> !l.isBlank()).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(Map<String, Long> perTask) {
    StringBuilder s = new StringBuilder();
    perTask.forEach(
        (task, n) -> s.append(s.isEmpty() ? "" : ", ").append(task).append(' ').append(n));
    return s.toString();
  }

  private static String name(Path model) {
    Path file = model.toAbsolutePath().normalize().getFileName();
    return file == null ? "student" : file.toString();
  }

  private static double seconds(JsonNode from, JsonNode to) {
    if (!from.isString() || !to.isString()) {
      return 0;
    }
    return Duration.between(Instant.parse(from.asString()), Instant.parse(to.asString())).toMillis()
        / 1000.0;
  }
}
