package dev.cogalign.trainer.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cogalign.crv.agent.Verdict;
import dev.cogalign.pipeline.student.CotScore;
import dev.cogalign.pipeline.student.StudentThresholds;
import dev.cogalign.pipeline.student.StudentVerdictRule;
import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.SharedData;
import dev.cogalign.trainer.support.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The {@code student} critic through pipeline-service, scoring with the tiny Qwen2 fixture
 * registered with a real trainer-service over HTTP: thresholds calibrated on the student and shown
 * in the run's view, every critique's verdict the decision rule's on the student's own scores, and
 * what the API refuses.
 */
class StudentCriticIT {
  private static final Path TINY_MODEL = SharedData.path("fixtures/hf-tiny/qwen2-tiny");
  private static final int PROBLEMS = 8;
  private static final int CALIBRATION_SIZE = 4;

  @TempDir static Path storage;

  private static ConfigurableApplicationContext trainer;
  private static ConfigurableApplicationContext pipeline;
  private static Http trainerHttp;
  private static Http pipelineHttp;
  private static long modelId;

  @BeforeAll
  static void start() {
    Platform platform = Platform.get();
    trainer = platform.trainer(storage, "cogalign.trainer.worker.id=student-critic");
    trainerHttp = new Http(Platform.url(trainer));
    Http.Response registered =
        trainerHttp.postJson(
            "/api/v1/models", Map.of("path", TINY_MODEL.toString(), "name", "tiny-student"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    modelId = registered.json().get("id").asLong();
    pipeline =
        platform.pipeline(
            "cogalign.student.trainer-url=" + Platform.url(trainer),
            "cogalign.student.calibration-size=" + CALIBRATION_SIZE,
            "cogalign.runs.resume-on-start=false");
    pipelineHttp = new Http(Platform.url(pipeline));
  }

  @AfterAll
  static void stop() {
    pipeline.close();
    trainer.close();
  }

  private static Map<String, Object> run(long dataset, Map<String, Object> more) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("datasetId", dataset);
    body.putAll(more);
    return body;
  }

  private static CotScore score(String question, String cot) {
    Http.Response scored =
        trainerHttp.postJson(
            "/api/v1/models/" + modelId + "/score", Map.of("question", question, "cot", cot));
    assertThat(scored.status()).as(scored.body()).isEqualTo(200);
    return Http.JSON.readValue(scored.body(), CotScore.class);
  }

  @Test
  void critiquesEveryTeacherCotByTheStudentsOwnPerStepNllAgainstThresholdsCalibratedOnIt() {
    long dataset = Platform.gsm8kDataset(pipelineHttp, "student-critic", PROBLEMS);
    Http.Response created =
        pipelineHttp.postJson(
            "/api/v1/runs",
            run(
                dataset,
                Map.of("backends", Map.of("critic", "student"), "studentModelId", modelId)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long runId = created.json().get("id").asLong();

    JsonNode view = Platform.awaitRun(pipelineHttp, runId);

    assertThat(view.get("status").asString()).as(view.toString()).isEqualTo("SUCCEEDED");
    assertThat(view.get("total").asLong()).isEqualTo(PROBLEMS);
    assertThat(view.get("counts").get("FAILED").asLong()).isZero();
    JsonNode studentCritic = view.get("config").get("studentCritic");
    assertThat(studentCritic.get("modelId").asLong()).isEqualTo(modelId);
    assertThat(studentCritic.get("calibrationSampleSize").asInt()).isEqualTo(CALIBRATION_SIZE);

    // the problems in id order; the calibration sample is every second one (4 spread over 8)
    JsonNode problems =
        pipelineHttp
            .get("/api/v1/problems?datasetId=" + dataset + "&limit=" + PROBLEMS)
            .json()
            .get("items");
    assertThat(problems).hasSize(PROBLEMS);
    List<JsonNode> histories = new ArrayList<>();
    for (JsonNode p : problems) {
      histories.add(pipelineHttp.get("/api/v1/problems/" + p.get("id").asLong()).json());
    }
    List<CotScore> sample = new ArrayList<>();
    for (int i = 0; i < PROBLEMS; i += PROBLEMS / CALIBRATION_SIZE) {
      JsonNode h = histories.get(i);
      sample.add(score(h.get("question").asString(), teacher(h).get("text").asString()));
    }
    StudentThresholds expected = StudentThresholds.calibrate(sample);
    JsonNode thresholds = studentCritic.get("thresholds");
    assertThat(thresholds.get("jumpNllPerToken").asDouble())
        .isCloseTo(expected.jumpNllPerToken(), within(1e-6));
    assertThat(thresholds.get("trivialNllPerToken").asDouble())
        .isCloseTo(expected.trivialNllPerToken(), within(1e-6));
    assertThat(thresholds.get("maxSteps").asInt()).isEqualTo(expected.maxSteps());
    assertThat(thresholds.get("maxTrivialShare").asDouble())
        .isCloseTo(expected.maxTrivialShare(), within(1e-6));
    assertThat(studentCritic.get("calibrationSteps").asInt())
        .isEqualTo(sample.stream().mapToInt(s -> s.steps().size()).sum());

    // every teacher CoT's critique: the student's id as the model, one reason per scored step
    // with its NLL, and the verdict the decision rule gives on the student's own scores
    for (JsonNode h : histories) {
      JsonNode teacher = teacher(h);
      CotScore score = score(h.get("question").asString(), teacher.get("text").asString());
      JsonNode critique = null;
      for (JsonNode c : teacher.get("critiques")) {
        if (c.get("runId").asLong() == runId) {
          critique = c;
        }
      }
      assertThat(critique).as("critique of problem %s", h.get("id")).isNotNull();
      assertThat(critique.get("call").get("backend").asString()).isEqualTo("student");
      assertThat(critique.get("call").get("model").asString()).isEqualTo(String.valueOf(modelId));
      JsonNode reasons = critique.get("reasons");
      assertThat(reasons).hasSize(score.steps().size() + 1);
      for (CotScore.Step step : score.steps()) {
        assertThat(reasons.get(step.index() + 1).get("message").asString())
            .startsWith(
                "step "
                    + (step.index() + 1)
                    + ": NLL "
                    + String.format(java.util.Locale.ROOT, "%.3f", step.nll())
                    + " nats over "
                    + step.tokens()
                    + " tokens");
      }
      Verdict verdict = StudentVerdictRule.judge(score, expected).verdict();
      assertThat(critique.get("verdict").asString()).isEqualTo(verdict.name());
      assertThat(reasons.get(0).get("message").asString()).startsWith(verdict.name() + ": ");
    }
  }

  @Test
  void refusesAStudentCriticWithoutARegisteredModelNamingTheField() {
    long dataset = Platform.gsm8kDataset(pipelineHttp, "student-critic-refused", 1);
    Map<String, Object> student = Map.of("critic", "student");

    Http.Response missing =
        pipelineHttp.postJson("/api/v1/runs", run(dataset, Map.of("backends", student)));
    Http.Response unknown =
        pipelineHttp.postJson(
            "/api/v1/runs", run(dataset, Map.of("backends", student, "studentModelId", 999_999)));
    Http.Response notStudent =
        pipelineHttp.postJson("/api/v1/runs", run(dataset, Map.of("studentModelId", modelId)));
    Http.Response studentRethinker =
        pipelineHttp.postJson(
            "/api/v1/runs",
            run(
                dataset,
                Map.of(
                    "backends",
                    Map.of("critic", "student", "rethinker", "student"),
                    "studentModelId",
                    modelId)));

    assertThat(missing.status()).as(missing.body()).isEqualTo(400);
    assertThat(missing.contentType()).startsWith("application/problem+json");
    assertThat(missing.json().get("errors").get(0).get("field").asString())
        .isEqualTo("studentModelId");
    assertThat(missing.json().get("errors").get(0).get("message").asString())
        .startsWith("is required when backends.critic is student");
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
    assertThat(unknown.json().get("errors").get(0).get("field").asString())
        .isEqualTo("studentModelId");
    assertThat(unknown.json().get("detail").asString())
        .isEqualTo("no model 999999 is registered with trainer-service");
    assertThat(notStudent.status()).as(notStudent.body()).isEqualTo(400);
    assertThat(notStudent.json().get("detail").asString())
        .isEqualTo("is only used when backends.critic is student, not rules");
    assertThat(studentRethinker.status()).as(studentRethinker.body()).isEqualTo(400);
    assertThat(studentRethinker.json().get("errors").get(0).get("field").asString())
        .isEqualTo("backends.rethinker");
    assertThat(pipelineHttp.get("/api/v1/runs?datasetId=" + dataset).json()).isEmpty();
  }

  @Test
  void answers503WhenTrainerServiceCannotBeAskedAboutTheStudent() {
    ConfigurableApplicationContext cut =
        Platform.get()
            .pipeline(
                "cogalign.student.trainer-url=http://127.0.0.1:1",
                "cogalign.agents.unavailable-timeout=300ms",
                "cogalign.runs.resume-on-start=false");
    try {
      Http http = new Http(Platform.url(cut));
      long dataset = Platform.gsm8kDataset(http, "student-critic-no-trainer", 1);

      Http.Response created =
          http.postJson(
              "/api/v1/runs",
              run(
                  dataset,
                  Map.of("backends", Map.of("critic", "student"), "studentModelId", modelId)));

      assertThat(created.status()).as(created.body()).isEqualTo(503);
      assertThat(created.json().get("detail").asString())
          .startsWith("cannot check the student model with trainer-service");
      assertThat(http.get("/api/v1/runs?datasetId=" + dataset).json()).isEmpty();
    } finally {
      cut.close();
    }
  }

  private static JsonNode teacher(JsonNode history) {
    JsonNode first = history.get("revisions").get(0);
    assertThat(first.get("origin").asString()).isEqualTo("TEACHER");
    return first;
  }
}
