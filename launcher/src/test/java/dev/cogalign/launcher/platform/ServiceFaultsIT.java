package dev.cogalign.launcher.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.SharedData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code cogalign up --processes} under the faults a cluster sees: every service in its own JVM,
 * each killed with {@code kill -9} in turn while a CRV run and a training job execute, and
 * PostgreSQL stopped for 10 s mid-run. Each faulted run must end with the counts, pairs and stored
 * rows of an undisturbed run of the same problems (rules agents are deterministic), each faulted
 * job must finish from its last checkpoint with one metric row per logged step, and job-status
 * polling through the gateway during the undisturbed run and job must never fail.
 *
 * <p>{@code -Dcogalign.faults.problems=N} sets the run size (300 by default, 3,000 in {@code
 * bench/faults.sh}); the figures go to {@code target/faults/report.md}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceFaultsIT {
  private static final int PROBLEMS = Integer.getInteger("cogalign.faults.problems", 300);
  private static final int JOB_STEPS = 100;
  private static final int CHECKPOINT_EVERY = 10;
  private static final Duration DEADLINE = Duration.ofMinutes(15);
  private static final Set<String> FINISHED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
  private static final HttpClient PROBE =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @TempDir static Path dataDirectory;
  private static ProcessPlatform platform;
  private static Http admin;
  private static long dataset;
  private static long model;
  private static RunResult undisturbed;
  private static JobResult undisturbedJob;
  private static Polling polling;
  private static final Map<String, String> report = new LinkedHashMap<>();

  @BeforeAll
  static void startThePlatformAndRunTheUndisturbedRunAndJobUnderPolling() throws Exception {
    long started = System.nanoTime();
    platform =
        ProcessPlatform.start(
            new PlatformSettings(
                0,
                dataDirectory,
                null,
                0,
                Map.of(
                    // resume soon after a fault, so that the test is short; the defaults are longer
                    "cogalign.runs.adopt-interval", "3s",
                    "cogalign.trainer.worker.lease-duration", "8s",
                    "cogalign.trainer.worker.heartbeat-interval", "2s",
                    "cogalign.trainer.worker.poll-interval", "1s")));
    report.put("platform start (6 JVMs)", seconds(started));
    admin = new Http(platform.gatewayUrl().toString()).withKey(platform.adminKey());
    dataset =
        admin.postJson("/api/v1/datasets", Map.of("name", "faults")).json().get("id").asLong();
    try (Stream<String> lines = Files.lines(SharedData.path("data/gsm8k/train.jsonl"))) {
      Http.Response upload =
          admin.post(
              "/api/v1/datasets/" + dataset + "/problems",
              "application/x-ndjson",
              lines.limit(PROBLEMS).collect(Collectors.joining("\n")));
      assertThat(upload.status()).as(upload.body()).isIn(200, 201);
    }
    Http.Response registered =
        admin.postJson(
            "/api/v1/models",
            Map.of(
                "path",
                SharedData.path("fixtures/hf-tiny/qwen2-tiny").toString(),
                "name",
                "faults-student"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    model = registered.json().get("id").asLong();

    String readKey =
        admin
            .postJson(
                "/api/v1/admin/keys",
                Map.of("name", "dashboard", "scopes", List.of("read"), "requestsPerSecond", 1000))
            .json()
            .get("key")
            .asString();
    long run = startRun();
    long job = startJob();
    polling = Polling.start(new Http(platform.gatewayUrl().toString()).withKey(readKey), run, job);
    undisturbed = awaitRun(run);
    undisturbedJob = awaitJob(job);
    polling.stop();
    report.put("undisturbed run", undisturbed.summary());
    report.put("undisturbed job", undisturbedJob.summary());
    report.put("polling during the undisturbed run and job", polling.summary());
  }

  @AfterAll
  static void stopAndWriteTheReport() throws IOException {
    if (platform != null) {
      platform.close();
    }
    Path out = Path.of("target", "faults", "report.md");
    Files.createDirectories(out.getParent());
    StringBuilder text =
        new StringBuilder(
            "# ServiceFaultsIT, "
                + LocalDate.now()
                + ", "
                + PROBLEMS
                + " problems, "
                + Runtime.getRuntime().availableProcessors()
                + " cores\n\n| what | measured |\n|---|---|\n");
    report.forEach(
        (what, figure) ->
            text.append("| ").append(what).append(" | ").append(figure).append(" |\n"));
    Files.writeString(out, text);
    System.out.println(text);
  }

  @Test
  @Order(1)
  void statusPollingThroughTheGatewayWhileARunAndAJobExecuteNeverFails() {
    assertThat(polling.requests()).isGreaterThan(50);
    assertThat(polling.failures()).as(polling.summary()).isEmpty();
    assertThat(undisturbed.status()).isEqualTo("SUCCEEDED");
    assertThat(undisturbedJob.status()).isEqualTo("SUCCEEDED");
  }

  @Test
  @Order(2)
  void killingEachServiceInTurnDuringARunAndAJobLosesAndDuplicatesNothing() throws Exception {
    // trainer-service during the job, once it has a checkpoint to resume from
    long job = startJob();
    awaitCheckpoint(job);
    assertThat(jobView(job).get("status").asString()).isEqualTo("RUNNING");
    kill(Service.TRAINER, "during job " + job + " at step " + jobView(job).get("stepsCompleted"));

    // the others during the run, spread over it, each once the one before is ready again
    long run = startRun();
    List<Service> others =
        List.of(Service.PIPELINE, Service.CRITIC, Service.RETHINK, Service.VERIFIER);
    for (int i = 0; i < others.size(); i++) {
      long processed = (long) PROBLEMS * (i + 1) / (others.size() + 1);
      await(
          "run " + run + " processes " + processed + " problems",
          () -> processed(run) >= processed);
      assertThat(runStatus(run)).as("run %d still executing", run).isIn("QUEUED", "RUNNING");
      kill(
          others.get(i),
          "during run " + run + " at " + processed(run) + "/" + PROBLEMS + " problems");
    }

    RunResult faulted = awaitRun(run);
    JobResult faultedJob = awaitJob(job);
    report.put("run with each service killed", faulted.summary());
    report.put("job with each service killed", faultedJob.summary());
    assertSameAsUndisturbed(faulted);
    assertResumedFromACheckpoint(faultedJob);
  }

  @Test
  @Order(3)
  void aTenSecondPostgresOutageMidRunMakesServicesNotReadyAndLosesNothing() throws Exception {
    long run = startRun();
    long job = startJob();
    await("run " + run + " processes a third", () -> processed(run) >= PROBLEMS / 3);
    awaitCheckpoint(job);

    PostgresOutage postgres = PostgresOutage.of(dataDirectory.resolve("postgres"));
    long stopped = System.nanoTime();
    postgres.stop();
    Map<Service, Integer> readiness = new TreeMap<>();
    while (System.nanoTime() - stopped < Duration.ofSeconds(10).toNanos()) {
      for (Service service : List.of(Service.PIPELINE, Service.TRAINER)) {
        int status = readiness(service);
        if (status != 200) {
          readiness.put(service, status);
        }
      }
      Thread.sleep(500);
    }
    postgres.start(platform.database().url(), platform.database().username());
    report.put(
        "PostgreSQL stopped",
        seconds(stopped) + "; readiness while down: " + readiness + " (pipeline, trainer)");
    assertThat(readiness).containsEntry(Service.PIPELINE, 503).containsEntry(Service.TRAINER, 503);

    long back = System.nanoTime();
    long before = processed(run);
    await("run " + run + " goes on", () -> processed(run) > before || finished(run));
    report.put("run progressing again after PostgreSQL returned", seconds(back));
    RunResult faulted = awaitRun(run);
    JobResult faultedJob = awaitJob(job);
    report.put("run across the outage", faulted.summary());
    report.put("job across the outage", faultedJob.summary());
    assertSameAsUndisturbed(faulted);
    assertResumedFromACheckpoint(faultedJob);
  }

  // ----- faults -----

  private static void kill(Service service, String when) throws Exception {
    long pid = platform.pid(service);
    int restarts = platform.restarts(service);
    Process kill = new ProcessBuilder("kill", "-9", String.valueOf(pid)).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
    long killed = System.nanoTime();
    await(service.configName() + " started again", () -> platform.restarts(service) > restarts);
    await(service.configName() + " ready again", () -> readiness(service) == 200);
    long newPid = platform.pid(service);
    assertThat(newPid).isNotEqualTo(pid);
    assertThat(Files.readString(SupervisedService.pidFile(dataDirectory, service)).strip())
        .isEqualTo(String.valueOf(newPid));
    report.put(
        "kill -9 " + service.configName(),
        when + "; pid " + pid + " → " + newPid + ", ready again after " + seconds(killed));
  }

  private static int readiness(Service service) {
    URI probe = platform.urls().get(service).resolve("/actuator/health/readiness");
    try {
      return PROBE
          .send(
              HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(3)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  // ----- runs and jobs -----

  private static long startRun() {
    Http.Response created = admin.postJson("/api/v1/runs", Map.of("datasetId", dataset));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asLong();
  }

  private static long startJob() {
    Http.Response created =
        admin.postJson(
            "/api/v1/jobs",
            Map.of(
                "type", "SFT",
                "baseModel", String.valueOf(model),
                "data", Map.of("datasetId", dataset),
                "hyperparameters",
                    Map.of(
                        "steps",
                        JOB_STEPS,
                        "batchSize",
                        4,
                        "learningRate",
                        1e-3,
                        "seed",
                        7,
                        "checkpointEvery",
                        CHECKPOINT_EVERY)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asLong();
  }

  /** Problems no longer PENDING; -1 while the run cannot be read (a service restarting). */
  private static long processed(long run) {
    Http.Response view = admin.get("/api/v1/runs/" + run);
    if (view.status() != 200) {
      return -1;
    }
    JsonNode json = view.json();
    return json.get("total").asLong() - json.path("counts").path("PENDING").asLong(0);
  }

  private static boolean finished(long run) {
    return FINISHED.contains(runStatus(run));
  }

  private static String runStatus(long run) {
    Http.Response view = admin.get("/api/v1/runs/" + run);
    return view.status() == 200 ? view.json().get("status").asString() : "unreadable";
  }

  private static JsonNode jobView(long job) {
    Http.Response view = admin.get("/api/v1/jobs/" + job);
    return view.status() == 200 ? view.json() : Http.JSON.createObjectNode();
  }

  private static RunResult awaitRun(long run) throws Exception {
    long started = System.nanoTime();
    await("run " + run + " finishes", () -> finished(run));
    JsonNode view = admin.get("/api/v1/runs/" + run).json();
    Map<String, Long> counts = new TreeMap<>();
    view.get("counts").properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
    Http.Response pairs = admin.get("/api/v1/runs/" + run + "/pairs");
    assertThat(pairs.status()).isEqualTo(200);
    List<String> pairKeys = new ArrayList<>();
    for (String line : pairs.body().split("\n")) {
      if (!line.isBlank()) {
        JsonNode pair = Http.JSON.readTree(line);
        ((tools.jackson.databind.node.ObjectNode) pair)
            .remove(List.of("chosen_revision_id", "rejected_revision_id"));
        pairKeys.add(pair.toString());
      }
    }
    Collections.sort(pairKeys);
    List<String> failed = new ArrayList<>();
    admin
        .get("/api/v1/runs/" + run + "/problems?state=FAILED&limit=50")
        .json()
        .path("items")
        .forEach(p -> failed.add(p.get("problemId") + ": " + p.path("reason").asString("")));
    return new RunResult(
        run,
        view.get("status").asString(),
        counts,
        pairKeys,
        storedRows(run),
        failed,
        seconds(started));
  }

  private static JobResult awaitJob(long job) throws Exception {
    await(
        "job " + job + " finishes",
        () -> FINISHED.contains(jobView(job).path("status").asString("")));
    JsonNode view = jobView(job);
    List<String> events = new ArrayList<>();
    admin
        .get("/api/v1/jobs/" + job + "/events")
        .json()
        .get("items")
        .forEach(e -> events.add(e.get("message").asString()));
    List<Integer> steps = new ArrayList<>();
    admin
        .get("/api/v1/jobs/" + job + "/metrics?limit=10000")
        .json()
        .get("items")
        .forEach(m -> steps.add(m.get("step").asInt()));
    return new JobResult(
        job,
        view.get("status").asString(),
        view.get("stepsCompleted").asInt(),
        view.get("attempts").asInt(),
        events,
        steps,
        view.path("latestMetrics").path("loss").asDouble(Double.NaN));
  }

  /** Rows each table holds for the run: a duplicate (or a loss) changes a count. */
  private static Map<String, Long> storedRows(long run) throws SQLException {
    Map<String, Long> rows = new TreeMap<>();
    DatabaseConnection database = platform.database();
    try (Connection connection =
        DriverManager.getConnection(database.url(), database.username(), database.password())) {
      for (String table :
          List.of("cot_revision", "critique", "verification", "preference_pair", "run_problem")) {
        try (PreparedStatement count =
            connection.prepareStatement(
                "select count(*) from crv." + table + " where run_id = ?")) {
          count.setLong(1, run);
          try (ResultSet result = count.executeQuery()) {
            result.next();
            rows.put(table, result.getLong(1));
          }
        }
      }
    }
    return rows;
  }

  private static void assertSameAsUndisturbed(RunResult faulted) {
    assertThat(faulted.status()).isEqualTo("SUCCEEDED");
    assertThat(faulted.failed()).isEqualTo(undisturbed.failed());
    assertThat(faulted.counts()).isEqualTo(undisturbed.counts());
    assertThat(faulted.storedRows()).isEqualTo(undisturbed.storedRows());
    assertThat(faulted.pairs()).hasSameSizeAs(undisturbed.pairs());
    assertThat(faulted.pairs()).isEqualTo(undisturbed.pairs());
  }

  private static void assertResumedFromACheckpoint(JobResult faulted) {
    assertThat(faulted.status()).as(faulted.events().toString()).isEqualTo("SUCCEEDED");
    assertThat(faulted.stepsCompleted()).isEqualTo(JOB_STEPS);
    assertThat(faulted.attempts()).isGreaterThan(1);
    assertThat(faulted.events()).anyMatch(e -> e.contains("resuming from the checkpoint at step"));
    // one metric row per logged step, as in the undisturbed job: nothing logged twice or lost
    assertThat(faulted.metricSteps()).doesNotHaveDuplicates();
    assertThat(faulted.metricSteps()).isEqualTo(undisturbedJob.metricSteps());
  }

  private static void awaitCheckpoint(long job) throws InterruptedException {
    await("job " + job + " checkpoints", () -> jobView(job).path("checkpointStep").asInt(0) > 0);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + DEADLINE + ": " + what);
      }
      Thread.sleep(200);
    }
  }

  private static String seconds(long since) {
    return String.format("%.1f s", (System.nanoTime() - since) / 1e9);
  }

  private record RunResult(
      long id,
      String status,
      Map<String, Long> counts,
      List<String> pairs,
      Map<String, Long> storedRows,
      List<String> failed,
      String wall) {
    String summary() {
      return String.format(
          "run %d %s (awaited %s): %s, %d pairs; rows %s%s",
          id,
          status,
          wall,
          counts,
          pairs.size(),
          storedRows,
          failed.isEmpty() ? "" : "; FAILED " + failed);
    }
  }

  private record JobResult(
      long id,
      String status,
      int stepsCompleted,
      int attempts,
      List<String> events,
      List<Integer> metricSteps,
      double finalLoss) {
    String summary() {
      return String.format(
          "job %d %s, %d steps, %d attempt(s), %d metric rows, final loss %.4f; %s",
          id,
          status,
          stepsCompleted,
          attempts,
          metricSteps.size(),
          finalLoss,
          events.stream().filter(e -> e.contains("claimed")).toList());
    }
  }

  /**
   * Dashboards: GETs of the run's and the job's view through the gateway, one every {@link
   * #POLL_PAUSE} (as 40 dashboards polling each view every 2 s would).
   */
  private static final class Polling {
    private static final Duration POLL_PAUSE = Duration.ofMillis(25);
    private final Http reader;
    private final long run;
    private final long job;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private Thread thread;

    private Polling(Http reader, long run, long job) {
      this.reader = reader;
      this.run = run;
      this.job = job;
    }

    static Polling start(Http reader, long run, long job) {
      Polling polling = new Polling(reader, run, job);
      polling.thread = new Thread(polling::poll, "dashboard-poller");
      polling.thread.start();
      return polling;
    }

    private void poll() {
      while (!stop.get()) {
        for (String path : List.of("/api/v1/runs/" + run, "/api/v1/jobs/" + job)) {
          long started = System.nanoTime();
          try {
            Http.Response response = reader.get(path);
            if (response.status() != 200) {
              failures.add(path + " " + response.status() + " " + response.body());
            }
          } catch (RuntimeException e) {
            failures.add(path + " " + e);
          }
          latencies.add(System.nanoTime() - started);
          try {
            Thread.sleep(POLL_PAUSE.toMillis());
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }

    void stop() throws InterruptedException {
      stop.set(true);
      thread.join();
    }

    int requests() {
      return latencies.size();
    }

    List<String> failures() {
      return failures;
    }

    String summary() {
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      return String.format(
          "%d requests, %d failed; p50 %.1f ms, p99 %.1f ms",
          sorted.size(), failures.size(), percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    private static double percentile(List<Long> sorted, double p) {
      return sorted.isEmpty()
          ? 0
          : sorted.get((int) Math.min(sorted.size() - 1, p * sorted.size())) / 1e6;
    }
  }
}
