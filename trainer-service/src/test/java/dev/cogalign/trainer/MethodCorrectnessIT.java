package dev.cogalign.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.SharedData;
import dev.cogalign.trainer.support.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The data-path rules of training and evaluation: EVAL on held-out datasets only (an overlap with
 * the lineage's training data is refused unless allowed), training on finished runs only, jobs that
 * wait for their base job's model, betas and checkpoints recorded and pruned.
 */
class MethodCorrectnessIT {
  private static final Path TINY_MODEL = SharedData.path("fixtures/hf-tiny/qwen2-tiny");
  private static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir static Path storage;

  private static Platform platform;
  private static ConfigurableApplicationContext trainer;
  private static Http http;
  private static Http pipeline;
  private static long baseModelId;

  @BeforeAll
  static void start() {
    platform = Platform.get();
    trainer = platform.trainer(storage, "cogalign.trainer.worker.id=correctness");
    http = new Http(Platform.url(trainer));
    pipeline = new Http(platform.pipelineUrl());
    baseModelId =
        http.postJson("/api/v1/models", Map.of("path", TINY_MODEL.toString(), "name", "tiny"))
            .json()
            .get("id")
            .asLong();
  }

  @AfterAll
  static void stop() {
    trainer.close();
  }

  private static long dataset(String name, String file, int skip, int count) throws IOException {
    long id = pipeline.postJson("/api/v1/datasets", Map.of("name", name)).json().get("id").asLong();
    try (Stream<String> lines = Files.lines(SharedData.path(file))) {
      String body = String.join("\n", lines.skip(skip).limit(count).toList());
      Http.Response upload =
          pipeline.post("/api/v1/datasets/" + id + "/problems", "application/x-ndjson", body);
      assertThat(upload.status()).as(upload.body()).isEqualTo(200);
    }
    return id;
  }

  private static Map<String, Object> job(String type, Map<String, Object> data, Object hp) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("baseModel", String.valueOf(baseModelId));
    body.put("data", data);
    body.put("hyperparameters", hp);
    return body;
  }

  private static long submit(Map<String, Object> body) {
    Http.Response created = http.postJson("/api/v1/jobs", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asLong();
  }

  private static JsonNode awaitEnd(long job) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                List.of("SUCCEEDED", "FAILED", "CANCELLED")
                    .contains(http.get("/api/v1/jobs/" + job).json().get("status").asString()));
    return http.get("/api/v1/jobs/" + job).json();
  }

  @Test
  void evaluatesOnHeldOutDatasetsAndRefusesOverlapWithTheLineagesTrainingData() throws Exception {
    long sft =
        submit(
            job(
                "SFT",
                Map.of("runId", platform.runId()),
                Map.of("steps", 2, "batchSize", 4, "checkpointEvery", 1, "keepCheckpoints", 1)));
    long heldOut = dataset("gsm8k-test-head", "data/gsm8k/test.jsonl", 0, 4);
    // EVAL waiting for the SFT job's model, on held-out problems
    Map<String, Object> eval = job("EVAL", Map.of("datasetId", heldOut), Map.of("maxNewTokens", 4));
    eval.remove("baseModel");
    eval.put("baseJob", sft);
    long evalJob = submit(eval);
    JsonNode trained = awaitEnd(sft);
    assertThat(trained.get("status").asString()).as(trained.toString()).isEqualTo("SUCCEEDED");
    assertThat(trained.get("diskBytes").asLong()).isPositive();
    Path checkpoints =
        storage.resolve("jobs").resolve(String.valueOf(sft)).resolve("attempt-1/checkpoints");
    try (Stream<Path> kept = Files.list(checkpoints)) {
      assertThat(kept.map(p -> p.getFileName().toString())).containsExactly("checkpoint-2");
    }
    JsonNode evaluated = awaitEnd(evalJob);
    assertThat(evaluated.get("status").asString()).as(evaluated.toString()).isEqualTo("SUCCEEDED");
    long model = trained.get("outputModelId").asLong();
    assertThat(evaluated.get("baseModelId").asLong()).isEqualTo(model);
    JsonNode evaluation = http.get("/api/v1/models/" + model).json().get("evaluations").get(0);
    assertThat(evaluation.get("datasetId").asLong()).isEqualTo(heldOut);
    assertThat(evaluation.get("total").asInt()).isEqualTo(4);
    assertThat(evaluation.get("overlap").asInt()).isZero();
    assertThat(http.get("/api/v1/jobs/" + evalJob + "/outputs").json().get("items")).hasSize(4);

    // the run's own dataset overlaps what the model trained on: refused, unless allowed
    long trainDataset =
        pipeline.get("/api/v1/runs/" + platform.runId()).json().get("datasetId").asLong();
    Map<String, Object> onTraining =
        job("EVAL", Map.of("datasetId", trainDataset), Map.of("maxNewTokens", 4));
    onTraining.put("baseModel", String.valueOf(model));
    Http.Response refused = http.postJson("/api/v1/jobs", onTraining);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.body())
        .contains("data.datasetId")
        .contains(Platform.GSM8K_PROBLEMS + " of the " + Platform.GSM8K_PROBLEMS + " problems");
    onTraining.put("allowOverlap", true);
    JsonNode allowed = awaitEnd(submit(onTraining));
    assertThat(allowed.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(allowed.get("overlap").asInt()).isEqualTo(Platform.GSM8K_PROBLEMS);
    assertThat(allowed.get("allowOverlap").asBoolean()).isTrue();
  }

  @Test
  void trainsOnAFinishedRunOnlyUnlessPartialDataIsAllowed() throws Exception {
    long dataset = dataset("gsm8k-train-big", "data/gsm8k/train.jsonl", 100, 1500);
    long run =
        pipeline.postJson("/api/v1/runs", Map.of("datasetId", dataset)).json().get("id").asLong();
    try {
      Http.Response conflict =
          http.postJson("/api/v1/jobs", job("SFT", Map.of("runId", run), Map.of("steps", 1)));
      assertThat(conflict.status()).isEqualTo(409);
      assertThat(conflict.contentType()).startsWith("application/problem+json");
      assertThat(conflict.body()).contains("not SUCCEEDED").contains("allowPartial");

      await()
          .atMost(WAIT)
          .until(() -> pipeline.get("/api/v1/runs/" + run).json().get("pairs").asLong() > 0);
      Map<String, Object> partial = job("COGPO", Map.of("runId", run), Map.of("steps", 1));
      partial.put("allowPartial", true);
      partial.put("betas", Map.of("ALIGN", 0.3));
      long id = submit(partial);
      JsonNode view = http.get("/api/v1/jobs/" + id).json();
      assertThat(view.get("allowPartial").asBoolean()).isTrue();
      assertThat(view.get("betasSource").asString()).isEqualTo("job");
      JsonNode done = awaitEnd(id);
      assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
      JsonNode model = http.get("/api/v1/models/" + done.get("outputModelId").asLong()).json();
      assertThat(model.get("allowPartial").asBoolean()).isTrue();
      assertThat(model.get("betasSource").asString()).isEqualTo("job");
      assertThat(model.get("betas").get("ALIGN").asDouble()).isEqualTo(0.3);
    } finally {
      pipeline.post("/api/v1/runs/" + run + "/cancel", "application/json", "{}");
    }
  }

  @Test
  void aJobWaitingForABaseJobFailsWhenThatJobIsCancelled() {
    long slow =
        submit(
            job("SFT", Map.of("runId", platform.runId()), Map.of("steps", 5000, "batchSize", 1)));
    Map<String, Object> dependent =
        job("DPO", Map.of("runId", platform.runId()), Map.of("steps", 1));
    dependent.remove("baseModel");
    dependent.put("baseJob", slow);
    long waiting = submit(dependent);
    assertThat(http.get("/api/v1/jobs/" + waiting).json().get("baseModelId").isNull()).isTrue();
    http.post("/api/v1/jobs/" + slow + "/cancel", "application/json", "{}");
    JsonNode failed = awaitEnd(waiting);
    assertThat(failed.get("status").asString()).isEqualTo("FAILED");
    assertThat(failed.get("error").asString())
        .isEqualTo("base job " + slow + " ended CANCELLED without a model");
  }
}
