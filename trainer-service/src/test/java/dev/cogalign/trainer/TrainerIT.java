package dev.cogalign.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.cogalign.serviceweb.internal.InternalHeaders;
import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.SharedData;
import dev.cogalign.trainer.job.JobRepository;
import dev.cogalign.trainer.model.ModelRoots;
import dev.cogalign.trainer.support.Platform;
import dev.cogalign.trainer.worker.JobWorker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * trainer-service replicas on the embedded PostgreSQL, trained on pairs from a real CRV run of
 * pipeline-service and the rules agents, with the tiny random Qwen2 of ../shared/fixtures.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainerIT {
  private static final Path TINY_MODEL = SharedData.path("fixtures/hf-tiny/qwen2-tiny");
  private static final Duration LONG_WAIT = Duration.ofSeconds(90);

  @TempDir static Path storage;

  private static Platform platform;
  private static ConfigurableApplicationContext first;
  private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();
  private static Http http;
  private static long baseModelId;

  @BeforeAll
  static void start() {
    platform = Platform.get();
    first = replica("worker-a");
    http = new Http(Platform.url(first));
    Http.Response registered =
        http.postJson("/api/v1/models", Map.of("path", TINY_MODEL.toString(), "name", "tiny"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    baseModelId = registered.json().get("id").asLong();
  }

  @AfterAll
  static void stop() {
    replicas.forEach(ConfigurableApplicationContext::close);
  }

  private static ConfigurableApplicationContext replica(String worker, String... more) {
    List<String> properties = new ArrayList<>(List.of("cogalign.trainer.worker.id=" + worker));
    properties.addAll(List.of(more));
    ConfigurableApplicationContext context =
        platform.trainer(storage, properties.toArray(String[]::new));
    replicas.add(context);
    return context;
  }

  private static Map<String, Object> job(
      String type, Object baseModel, long runId, Map<String, Object> hyperparameters) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("baseModel", String.valueOf(baseModel));
    body.put("data", Map.of("runId", runId));
    body.put("hyperparameters", hyperparameters);
    return body;
  }

  private static long submit(Map<String, Object> body) {
    Http.Response created = http.postJson("/api/v1/jobs", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asLong();
  }

  private static JsonNode view(long job) {
    return http.get("/api/v1/jobs/" + job).json();
  }

  private static JsonNode awaitJob(long job, Predicate<JsonNode> condition) {
    await()
        .atMost(LONG_WAIT)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> condition.test(view(job)));
    return view(job);
  }

  private static boolean status(JsonNode view, String... statuses) {
    return List.of(statuses).contains(view.get("status").asString());
  }

  private static JsonNode events(long job) {
    return http.get("/api/v1/jobs/" + job + "/events").json().get("items");
  }

  private static List<String> claims(long job) {
    List<String> workers = new ArrayList<>();
    for (JsonNode e : events(job)) {
      if (e.get("message").asString().startsWith("claimed")) {
        workers.add(e.get("worker").asString());
      }
    }
    return workers;
  }

  private static long jobCount() {
    return first
        .getBean(JdbcClient.class)
        .sql("select count(*) from job")
        .query(Long.class)
        .single();
  }

  @Test
  @Order(1)
  void rejectsUnknownModelEmptyPairsAndBadHyperparametersWithEveryReasonAndCreatesNoJob() {
    long before = jobCount();

    Map<String, Object> bad =
        job(
            "COGPO",
            "987654",
            platform.emptyRunId(),
            Map.of("steps", -3, "learningRate", -1.0, "optimizer", "rmsprop"));
    bad.put("betas", Map.of("ALIGN", -0.1, "NOPE", 0.2));
    Http.Response response = http.postJson("/api/v1/jobs", bad);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    List<String> reasons = new ArrayList<>();
    response
        .json()
        .get("errors")
        .forEach(e -> reasons.add(e.get("field").asString() + ": " + e.get("message").asString()));
    assertThat(reasons)
        .anySatisfy(r -> assertThat(r).startsWith("baseModel: model 987654 is not registered"))
        .anySatisfy(r -> assertThat(r).contains("data.runId").contains("has no preference pairs"))
        .anySatisfy(r -> assertThat(r).startsWith("hyperparameters.optimizer"))
        .anySatisfy(r -> assertThat(r).startsWith("betas.ALIGN"))
        .anySatisfy(r -> assertThat(r).startsWith("betas.NOPE"));

    Http.Response badConfig =
        http.postJson(
            "/api/v1/jobs",
            job("SFT", baseModelId, platform.runId(), Map.of("steps", -3, "learningRate", -1.0)));
    assertThat(badConfig.status()).isEqualTo(400);
    assertThat(badConfig.body()).contains("learning rate -1.0").contains("steps -3");

    Http.Response noRun =
        http.postJson(
            "/api/v1/jobs", job("SFT", "/no/such/folder", 424242, Map.of("steps", 1, "stepz", 2)));
    assertThat(noRun.status()).isEqualTo(400);
    assertThat(noRun.body())
        .contains("inside the trainer's model roots")
        .doesNotContain("/no/such/folder")
        .contains("run 424242 not found")
        .contains("hyperparameters.stepz");

    Http.Response tooLarge =
        http.post("/api/v1/jobs", "application/json", "{\"name\":\"" + "x".repeat(300_000) + "\"}");
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.contentType()).startsWith("application/problem+json");

    assertThat(jobCount()).isEqualTo(before);
    assertThat(http.get("/v3/api-docs").body()).contains("/api/v1/jobs/{id}/metrics");
    assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
  }

  @Test
  @Order(1)
  void confinesModelPathsToItsRootsAndShowsNonAdminCallersOnlyRelativePaths() throws IOException {
    Path outside = Files.createTempDirectory("outside-roots");
    Files.writeString(outside.resolve("config.json"), "{}");
    Path link = Files.createSymbolicLink(storage.resolve("escape-" + System.nanoTime()), outside);
    Files.createDirectories(storage.resolve("no-config"));
    List<Http.Response> refused = new ArrayList<>();
    for (String path :
        List.of(
            outside.toString(),
            "/no/such/folder",
            link.toString(),
            storage.resolve("no-config").toString(),
            storage + "/../" + storage.getFileName() + "/../..")) {
      refused.add(http.postJson("/api/v1/models", Map.of("path", path)));
    }
    Http.Response job =
        http.postJson("/api/v1/jobs", job("SFT", outside.toString(), platform.runId(), Map.of()));
    Http.Response nul = http.postJson("/api/v1/models", Map.of("path", "a\u0000b"));

    assertThat(refused)
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(400);
              assertThat(r.contentType()).startsWith("application/problem+json");
              assertThat(r.json().get("errors").get(0).get("message").asString())
                  .isEqualTo(ModelRoots.RULE);
            });
    assertThat(refused).extracting(Http.Response::body).doesNotContain(outside.toString());
    assertThat(job.status()).isEqualTo(400);
    assertThat(job.body()).contains("baseModel").contains("model roots");
    assertThat(nul.status()).isEqualTo(400);
    assertThat(nul.json().get("errors").findValuesAsString("field")).containsExactly("path");

    String model = "/api/v1/models/" + baseModelId;
    String absolute = http.get(model).json().get("path").asString();
    assertThat(absolute).isEqualTo(TINY_MODEL.toRealPath().toString());
    assertThat(http.withHeader(InternalHeaders.SCOPES, "read train").get(model).json().get("path"))
        .hasToString("\"hf-tiny/qwen2-tiny\"");
    assertThat(
            http.withHeader(InternalHeaders.SCOPES, "read admin")
                .get(model)
                .json()
                .get("path")
                .asString())
        .isEqualTo(absolute);
  }

  @Test
  @Order(1)
  void registersAnUploadedTarballOfTheTinyModelAndTrainsSftOnIt() throws Exception {
    java.io.ByteArrayOutputStream tarball = new java.io.ByteArrayOutputStream();
    try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(tarball);
        var files = Files.list(TINY_MODEL)) {
      for (Path file : files.sorted().toList()) {
        var entry =
            new org.apache.commons.compress.archivers.tar.TarArchiveEntry(
                "qwen2-tiny/" + file.getFileName());
        entry.setSize(Files.size(file));
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
      }
    }
    String boundary = "upload-" + System.nanoTime();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nuploaded-tiny\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"qwen2-tiny.tar\""
                + "\r\nContent-Type: application/x-tar\r\n\r\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    body.write(tarball.toByteArray());
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));

    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(Platform.url(first) + "/api/v1/models"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .header(InternalHeaders.SCOPES, "read train")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode model = Http.JSON.readTree(response.body());
    assertThat(model.get("name").asString()).isEqualTo("uploaded-tiny");
    assertThat(model.get("kind").asString()).isEqualTo("BASE");
    assertThat(model.get("path").asString()).matches("uploads/[0-9a-f-]{36}/qwen2-tiny");
    assertThat(storage.resolve(model.get("path").asString()).resolve("model.safetensors"))
        .hasSameBinaryContentAs(TINY_MODEL.resolve("model.safetensors"));

    long sft =
        submit(
            job(
                "SFT",
                model.get("id").asLong(),
                platform.runId(),
                Map.of("steps", 2, "batchSize", 2, "learningRate", 1e-3)));
    JsonNode done = awaitJob(sft, v -> status(v, "SUCCEEDED", "FAILED"));
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
    assertThat(done.get("baseModelId").asLong()).isEqualTo(model.get("id").asLong());
    assertThat(done.get("outputModelId").isNull()).isFalse();
  }

  @Test
  @Order(2)
  void trainsSftThenCogpoFromTheSftModelOnPairsOfARealCrvRunRecordingLineage() throws IOException {
    Map<String, Object> sftParams =
        Map.of("steps", 6, "batchSize", 2, "learningRate", 1e-3, "checkpointEvery", 3);
    long sft = submit(job("SFT", baseModelId, platform.runId(), sftParams));
    JsonNode sftDone = awaitJob(sft, v -> status(v, "SUCCEEDED", "FAILED"));

    assertThat(sftDone.get("status").asString()).as(sftDone.toString()).isEqualTo("SUCCEEDED");
    assertThat(sftDone.get("stepsCompleted").asInt()).isEqualTo(6);
    assertThat(sftDone.get("totalSteps").asInt()).isEqualTo(6);
    assertThat(sftDone.get("progressPercentage").asDouble()).isEqualTo(100.0);
    assertThat(sftDone.get("estimatedRemainingSeconds").asDouble()).isZero();
    assertThat(sftDone.get("elapsedSeconds").asDouble()).isPositive();
    assertThat(sftDone.get("latestMetrics").has("loss")).isTrue();
    assertThat(sftDone.get("checkpointStep").asInt()).isEqualTo(6);
    JsonNode losses = http.get("/api/v1/jobs/" + sft + "/metrics?name=loss").json().get("items");
    assertThat(losses).hasSize(6);
    assertThat(losses.get(5).get("metrics").get("loss").asDouble())
        .isLessThan(losses.get(0).get("metrics").get("loss").asDouble());
    assertThat(http.get("/api/v1/jobs/" + sft + "/metrics?sinceStep=4").json().get("items"))
        .extracting(p -> p.get("step").asInt())
        .containsExactly(5, 6);
    assertThat(events(sft))
        .extracting(e -> e.get("status").asString())
        .containsExactly("QUEUED", "RUNNING", "SUCCEEDED");

    // the snapshot is the exact SFT export, hashed
    String export =
        new Http(platform.pipelineUrl()).get("/api/v1/runs/" + platform.runId() + "/sft").body();
    JsonNode data = sftDone.get("data");
    assertThat(data.get("sha256").asString()).isEqualTo(sha256(export.strip() + "\n"));
    assertThat(data.get("count").asInt())
        .isEqualTo((int) export.lines().filter(l -> !l.isBlank()).count());

    long sftModel = sftDone.get("outputModelId").asLong();
    JsonNode sftModelView = http.get("/api/v1/models/" + sftModel).json();
    assertThat(sftModelView.get("kind").asString()).isEqualTo("SFT");
    assertThat(sftModelView.get("parentId").asLong()).isEqualTo(baseModelId);
    assertThat(sftModelView.get("dataSha256").asString()).isEqualTo(data.get("sha256").asString());
    assertThat(sftModelView.get("codeVersion").asString()).isEqualTo("test-1.0");
    assertThat(sftModelView.get("hyperparameters").get("learningRate").asDouble()).isEqualTo(1e-3);

    Map<String, Object> cogpoParams = Map.of("steps", 4, "batchSize", 2, "learningRate", 1e-3);
    Map<String, Object> cogpoJob = job("COGPO", sftModel, platform.runId(), cogpoParams);
    cogpoJob.put("betas", Map.of("ALIGN", 0.3, "CORRECT", 0.5));
    long cogpo = submit(cogpoJob);
    JsonNode cogpoDone = awaitJob(cogpo, v -> status(v, "SUCCEEDED", "FAILED"));

    assertThat(cogpoDone.get("status").asString()).as(cogpoDone.toString()).isEqualTo("SUCCEEDED");
    assertThat(cogpoDone.get("betas").get("ALIGN").asDouble()).isEqualTo(0.3);
    assertThat(cogpoDone.get("latestMetrics").has("rewards/margins")).isTrue();
    List<String> snapshot =
        Files.readAllLines(
            Path.of(
                storage.toString(),
                "snapshots",
                cogpoDone.get("data").get("sha256").asString() + ".jsonl"));
    assertThat(snapshot).isNotEmpty();
    for (String line : snapshot) {
      JsonNode pair = Http.JSON.readTree(line);
      String task = pair.get("mini_task").asString();
      if (task.equals("ALIGN")) {
        assertThat(pair.get("beta").asDouble()).isEqualTo(0.3);
      } else if (task.equals("CORRECT")) {
        assertThat(pair.get("beta").asDouble()).isEqualTo(0.5);
      }
    }

    long cogpoModel = cogpoDone.get("outputModelId").asLong();
    JsonNode models = http.get("/api/v1/models").json().get("items");
    JsonNode cogpoView = null;
    for (JsonNode m : models) {
      if (m.get("id").asLong() == cogpoModel) {
        cogpoView = m;
      }
    }
    assertThat(cogpoView).isNotNull();
    assertThat(cogpoView.get("kind").asString()).isEqualTo("COGPO");
    assertThat(cogpoView.get("parentId").asLong()).isEqualTo(sftModel);
    assertThat(cogpoView.get("lineage"))
        .extracting(JsonNode::asLong)
        .containsExactly(baseModelId, sftModel);

    // the trained model scores a CoT step by step
    Http.Response scored =
        http.postJson(
            "/api/v1/models/" + cogpoModel + "/score",
            Map.of(
                "question",
                    "Natalia sold 48 clips in April and half as many in May. How many in all?",
                "cot",
                    "In May she sold 48/2 = <<48/2=24>>24 clips.\nIn all she sold 48+24 = <<48+24=72>>72 clips.\n#### 72"));
    assertThat(scored.status()).as(scored.body()).isEqualTo(200);
    JsonNode steps = scored.json().get("steps");
    assertThat(steps).hasSize(3);
    double sum = 0;
    for (JsonNode s : steps) {
      assertThat(s.get("nll").asDouble()).isPositive();
      assertThat(s.get("tokens").asInt()).isPositive();
      sum += s.get("nll").asDouble();
    }
    assertThat(scored.json().get("totalNll").asDouble()).isCloseTo(sum, within(1e-6));

    // an EVAL on a run's own SFT records is refused unless asked for as a training-set measurement
    Map<String, Object> evalJob =
        job("EVAL", cogpoModel, platform.runId(), Map.of("maxNewTokens", 8, "limit", 3));
    Http.Response implicit = http.postJson("/api/v1/jobs", evalJob);
    assertThat(implicit.status()).isEqualTo(400);
    assertThat(implicit.body()).contains("data.split").contains("training set");
    evalJob.put("data", Map.of("runId", platform.runId(), "split", "train"));
    long eval = submit(evalJob);
    JsonNode evalDone = awaitJob(eval, v -> status(v, "SUCCEEDED", "FAILED"));
    assertThat(evalDone.get("status").asString()).as(evalDone.toString()).isEqualTo("SUCCEEDED");
    assertThat(evalDone.get("stepsCompleted").asInt()).isEqualTo(3);
    JsonNode evaluations = http.get("/api/v1/models/" + cogpoModel).json().get("evaluations");
    assertThat(evaluations).hasSize(1);
    assertThat(evaluations.get(0).get("total").asInt()).isEqualTo(3);
    assertThat(evaluations.get(0).get("jobId").asLong()).isEqualTo(eval);
    assertThat(evaluations.get(0).get("split").asString()).isEqualTo("train");
    assertThat(evaluations.get(0).get("benchmark").asString())
        .isEqualTo("run:" + platform.runId() + "/train (training-set measurement)");
    assertThat(http.get("/api/v1/jobs/" + eval + "/outputs").json().get("items")).hasSize(3);

    JsonNode page1 = http.get("/api/v1/jobs?status=SUCCEEDED&limit=2").json();
    assertThat(page1.get("items")).hasSize(2);
    JsonNode page2 =
        http.get(
                "/api/v1/jobs?status=SUCCEEDED&limit=2&cursor="
                    + page1.get("nextCursor").asString())
            .json();
    // newest first, across pages: this test's SFT job opens page 2 (other ITs' jobs sharing this
    // database are older and follow it)
    assertThat(page2.get("items").get(0).get("id").asLong()).isEqualTo(sft);
    assertThat(page2.get("items"))
        .allSatisfy(j -> assertThat(j.get("id").asLong()).isLessThanOrEqualTo(sft));
    JsonNode cogpoJobs = http.get("/api/v1/jobs?type=COGPO").json().get("items");
    assertThat(cogpoJobs).extracting(j -> j.get("id").asLong()).contains(cogpo);
    assertThat(cogpoJobs).allSatisfy(j -> assertThat(j.get("type").asString()).isEqualTo("COGPO"));
  }

  @Test
  @Order(3)
  void cancelsARunningJobAtItsNextStep() {
    long job =
        submit(job("SFT", baseModelId, platform.runId(), Map.of("steps", 5000, "batchSize", 1)));
    JsonNode running = awaitJob(job, v -> v.get("stepsCompleted").asInt() >= 3);
    assertThat(running.get("status").asString()).isEqualTo("RUNNING");
    assertThat(running.get("estimatedRemainingSeconds").isNumber()).isTrue();

    Http.Response cancel = http.post("/api/v1/jobs/" + job + "/cancel", "application/json", "");
    assertThat(cancel.status()).isEqualTo(200);
    JsonNode done = awaitJob(job, v -> status(v, "CANCELLED", "SUCCEEDED", "FAILED"));

    assertThat(done.get("status").asString()).isEqualTo("CANCELLED");
    assertThat(done.get("stepsCompleted").asInt()).isLessThan(5000);
    assertThat(done.get("outputModelId").isNull()).isTrue();
    assertThat(events(job))
        .extracting(e -> e.get("message").asString())
        .anySatisfy(m -> assertThat(m).startsWith("cancel requested"));
    assertThat(http.post("/api/v1/jobs/" + job + "/cancel", "application/json", "").status())
        .isEqualTo(409);
  }

  @Test
  @Order(4)
  void aWorkerThatLostItsLeaseStopsWritingAndTheJobResumesFromItsCheckpoint() {
    long job =
        submit(
            job(
                "SFT",
                baseModelId,
                platform.runId(),
                Map.of("steps", 5000, "batchSize", 1, "checkpointEvery", 4)));
    awaitJob(job, v -> v.get("checkpointStep").asInt(0) >= 4);
    JdbcClient jdbc = first.getBean(JdbcClient.class);
    // a replica in another JVM takes the job over (as after a long pause of worker-a)
    jdbc.sql(
            "update job set lease_owner = 'other-replica',"
                + " lease_expires_at = now() + interval '10 minutes' where id = ?")
        .param(job)
        .update();
    JobWorker worker = first.getBean(JobWorker.class);
    await().atMost(LONG_WAIT).until(() -> worker.activeJobs() == 0);

    JsonNode taken = view(job);
    assertThat(taken.get("status").asString()).isEqualTo("RUNNING");
    assertThat(taken.get("worker").asString()).isEqualTo("other-replica");
    int steps = taken.get("stepsCompleted").asInt();
    JsonNode history = http.get("/api/v1/jobs/" + job + "/metrics?name=loss").json().get("items");
    assertThat(history.get(history.size() - 1).get("step").asInt()).isEqualTo(steps);
    int checkpoint = taken.get("checkpointStep").asInt();

    // the other replica goes silent: its lease lapses and worker-a resumes from the checkpoint
    jdbc.sql("update job set lease_expires_at = now() - interval '1 second' where id = ?")
        .param(job)
        .update();
    JsonNode resumed =
        awaitJob(
            job,
            v -> v.get("attempts").asInt() == 2 && v.get("stepsCompleted").asInt() > checkpoint);
    assertThat(resumed.get("worker").asString()).isEqualTo("worker-a");
    assertThat(events(job).get(events(job).size() - 1).get("message").asString())
        .isEqualTo("claimed (attempt 2), resuming from the checkpoint at step " + checkpoint);
    http.post("/api/v1/jobs/" + job + "/cancel", "application/json", "");
    assertThat(
            awaitJob(job, v -> status(v, "CANCELLED", "SUCCEEDED", "FAILED"))
                .get("status")
                .asString())
        .isEqualTo("CANCELLED");
  }

  @Test
  @Order(5)
  void twoWorkersRunFiveJobsEachExactlyOnce() {
    ConfigurableApplicationContext second = replica("worker-b");
    List<Long> jobs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      jobs.add(
          submit(
              job(
                  "SFT",
                  baseModelId,
                  platform.runId(),
                  Map.of("steps", 15, "batchSize", 1, "seed", i))));
    }
    Set<String> workers = new HashSet<>();
    for (long job : jobs) {
      JsonNode done = awaitJob(job, v -> status(v, "SUCCEEDED", "FAILED", "CANCELLED"));
      assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
      assertThat(done.get("attempts").asInt()).isEqualTo(1);
      assertThat(claims(job)).hasSize(1);
      workers.addAll(claims(job));
      JsonNode steps = http.get("/api/v1/jobs/" + job + "/metrics?name=loss").json().get("items");
      assertThat(steps)
          .extracting(s -> s.get("step").asInt())
          .containsExactlyElementsOf(range(1, 15));
    }
    // DJL trains one job per JVM at a time, so here the two replicas take turns at the queue
    assertThat(workers).isNotEmpty().isSubsetOf("worker-a", "worker-b");
    assertThat(second.getBean(JobWorker.class).activeJobs()).isZero();
  }

  @Test
  @Order(6)
  void jobOfACrashedWorkerIsResumedByAnotherFromItsCheckpointLosingNothing() throws IOException {
    ConfigurableApplicationContext b = replicas.get(1);
    // worker-b sits this one out so that worker-a claims it
    b.getBean(JobWorker.class).stopScheduler();
    int total = 300;
    long job =
        submit(
            job(
                "SFT",
                baseModelId,
                platform.runId(),
                Map.of("steps", total, "batchSize", 1, "checkpointEvery", 10)));
    awaitJob(job, v -> v.get("checkpointStep").asInt(0) >= 10);
    ConfigurableApplicationContext c = replica("worker-c");
    first.getBean(JobWorker.class).halt(); // worker-a goes silent mid-job, as if it crashed

    JsonNode done = awaitJob(job, v -> status(v, "SUCCEEDED", "FAILED"));
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
    assertThat(claims(job)).containsExactly("worker-a", "worker-c");
    assertThat(done.get("attempts").asInt()).isEqualTo(2);
    assertThat(done.get("stepsCompleted").asInt()).isEqualTo(total);
    JsonNode resumed = events(job).get(2);
    assertThat(resumed.get("message").asString()).contains("resuming from the checkpoint at step");
    int from = Integer.parseInt(resumed.get("message").asString().replaceAll(".*step ", ""));
    assertThat(from).isBetween(10, total - 1);
    JsonNode history = http.get("/api/v1/jobs/" + job + "/metrics?name=loss").json().get("items");
    assertThat(history)
        .extracting(s -> s.get("step").asInt())
        .containsExactlyElementsOf(range(1, total));
    await().atMost(LONG_WAIT).until(() -> first.getBean(JobWorker.class).activeJobs() == 0);

    // worker-a's own log beyond the checkpoint matches what worker-c recomputed: exact resume
    Path aLog = storage.resolve("jobs/" + job + "/attempt-1/metrics.jsonl");
    Map<Integer, Double> aLoss = new LinkedHashMap<>();
    for (String line : Files.readAllLines(aLog)) {
      JsonNode m = Http.JSON.readTree(line);
      aLoss.put(m.get("step").asInt(), m.get("loss").asDouble());
    }
    // worker-a got at least to the checkpoint (it may have halted right there, then nothing
    // overlaps)
    assertThat(aLoss.keySet()).contains(from);
    for (JsonNode point : history) {
      int step = point.get("step").asInt();
      if (aLoss.containsKey(step)) {
        assertThat(point.get("metrics").get("loss").asDouble())
            .as("loss at step %d", step)
            .isCloseTo(aLoss.get(step), within(1e-4));
      }
    }
    // a replica that shuts down hands its job back with a checkpoint; another takes it over
    long handed =
        submit(
            job(
                "SFT",
                baseModelId,
                platform.runId(),
                Map.of("steps", 100, "batchSize", 1, "checkpointEvery", 1000)));
    awaitJob(handed, v -> v.get("stepsCompleted").asInt() >= 5);
    c.close();
    JsonNode requeued = view(handed);
    assertThat(requeued.get("status").asString()).isEqualTo("QUEUED");
    int at = requeued.get("checkpointStep").asInt();
    assertThat(at).isEqualTo(requeued.get("stepsCompleted").asInt()).isPositive();
    ConfigurableApplicationContext d = replica("worker-d");
    JsonNode finished = awaitJob(handed, v -> status(v, "SUCCEEDED", "FAILED"));
    assertThat(finished.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(claims(handed)).containsExactly("worker-c", "worker-d");
    assertThat(http.get("/api/v1/jobs/" + handed + "/metrics?name=loss").json().get("items"))
        .extracting(s -> s.get("step").asInt())
        .containsExactlyElementsOf(range(1, 100));
    assertThat(d.getBean(JobWorker.class).id()).isEqualTo("worker-d");
  }

  @Test
  @Order(7)
  void concurrentClaimersNeverTakeOneJobTwice() throws Exception {
    replicas.stream()
        .filter(ConfigurableApplicationContext::isActive)
        .forEach(r -> r.getBean(JobWorker.class).stopScheduler());
    Set<Long> queued = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      queued.add(submit(job("SFT", baseModelId, platform.runId(), Map.of("steps", 1))));
    }
    JobRepository repository = first.getBean(JobRepository.class);
    Clock clock = first.getBean(Clock.class);
    ConcurrentLinkedQueue<Long> claimed = new ConcurrentLinkedQueue<>();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService claimers = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      String worker = "racer-" + t;
      done.add(
          claimers.submit(
              () -> {
                go.await();
                Instant now = clock.instant();
                while (true) {
                  var job = repository.claim(worker, now, now.plusSeconds(600));
                  if (job.isEmpty()) {
                    return null;
                  }
                  claimed.add(job.get().id());
                }
              }));
    }
    go.countDown();
    for (var f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    claimers.shutdown();
    assertThat(claimed).containsExactlyInAnyOrderElementsOf(queued);
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      out.add(i);
    }
    return out;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
