package dev.cogalign.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogalign.pipeline.support.Datasets;
import dev.cogalign.pipeline.support.PipelineIT;
import dev.cogalign.pipeline.support.RuleAgentServer;
import dev.cogalign.pipeline.support.Runs;
import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.Http.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * CRV runs over real HTTP: pipeline-service on a random port, embedded PostgreSQL, and agent
 * endpoints served by {@link RuleAgentServer}, whose rules compute every verdict, rewrite and
 * check.
 */
class RunIT extends PipelineIT {
  private static final RuleAgentServer AGENTS = new RuleAgentServer();

  @Autowired JdbcClient jdbc;
  @Autowired RunExecutor executor;
  @Autowired RunLeases leases;

  @DynamicPropertySource
  static void agents(DynamicPropertyRegistry registry) {
    registry.add("cogalign.agents.critic-url", AGENTS::url);
    registry.add("cogalign.agents.rethink-url", AGENTS::url);
    registry.add("cogalign.agents.verifier-url", AGENTS::url);
  }

  @AfterAll
  static void stopAgents() {
    AGENTS.close();
  }

  private long startRun(Map<String, Object> request) {
    return Runs.start(http(), request);
  }

  private JsonNode awaitFinished(long run) {
    return Runs.awaitFinished(http(), run, Duration.ofSeconds(60), () -> !executor.executing(run));
  }

  private List<JsonNode> lines(String path) {
    Response response = http().get(path);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/x-ndjson");
    List<JsonNode> lines = new ArrayList<>();
    response.body().lines().forEach(line -> lines.add(Http.JSON.readTree(line)));
    return lines;
  }

  private Map<String, Integer> storedCounts(long run) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String table : List.of("cot_revision", "critique", "verification", "preference_pair")) {
      counts.put(
          table,
          jdbc.sql("select count(*) from crv." + table + " where run_id = :run")
              .param("run", run)
              .query(Integer.class)
              .single());
    }
    return counts;
  }

  @Test
  void runsCrvOverGsm8kProblemsAndExportsPairsOfEveryMiniTaskAndVerifiedCots() throws IOException {
    long dataset = Datasets.ofGsm8kTrain(http(), "crv-30", 0, 30);
    AGENTS.wrongRewrites(1, question -> question.length() % 2 == 0);

    long run =
        startRun(
            Map.of(
                "datasetId",
                dataset,
                "maxRethinkAttempts",
                2,
                "betas",
                Map.of("ALIGN", 0.3),
                "concurrency",
                3));
    JsonNode view = awaitFinished(run);

    assertThat(view.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(http().get("/api/v1/runs?datasetId=" + dataset).json().findValues("id"))
        .extracting(JsonNode::asLong)
        .containsExactly(run);
    assertThat(view.get("total").asInt()).isEqualTo(30);
    assertThat(view.get("counts").get("PENDING").asInt()).isZero();
    assertThat(view.get("counts").get("FAILED").asInt()).isZero();
    assertThat(view.get("counts").get("VERIFIED").asInt()).isGreaterThan(15);
    assertThat(view.get("problemsPerSecond").asDouble()).isPositive();
    assertThat(view.get("estimatedRemainingSeconds").asDouble()).isZero();
    assertThat(view.get("config").get("betas").get("CORRECT").asDouble())
        .isEqualTo(RunConfig.DEFAULT_BETAS.get(dev.cogalign.crv.agent.MiniTask.CORRECT));

    Map<Long, JsonNode> problems = new HashMap<>();
    List<JsonNode> pairs = lines("/api/v1/runs/" + run + "/pairs");
    assertThat(pairs).hasSize(view.get("pairs").asInt());
    assertThat(pairs.stream().map(p -> p.get("mini_task").asString()).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("ALIGN", "CALIBRATE", "CORRECT");
    for (JsonNode pair : pairs) {
      assertThat(pair.propertyNames())
          .containsExactly(
              "prompt",
              "chosen",
              "rejected",
              "beta",
              "mini_task",
              "problem_id",
              "chosen_revision_id",
              "rejected_revision_id");
      JsonNode problem =
          problems.computeIfAbsent(
              pair.get("problem_id").asLong(), id -> http().get("/api/v1/problems/" + id).json());
      assertThat(pair.get("prompt").asString()).isEqualTo(problem.get("question").asString());
      assertThat(pair.get("chosen").asString())
          .isNotEqualTo(pair.get("rejected").asString())
          .endsWith("#### " + problem.get("goldAnswer").asString());
      JsonNode chosen = revision(problem, pair.get("chosen_revision_id").asLong());
      JsonNode rejected = revision(problem, pair.get("rejected_revision_id").asLong());
      assertThat(verdicts(chosen)).contains(true);
      switch (pair.get("mini_task").asString()) {
        case "ALIGN" -> {
          assertThat(pair.get("beta").asDouble()).isEqualTo(0.3);
          assertThat(rejected.get("origin").asString()).isEqualTo("TEACHER");
          assertThat(chosen.get("parentId").asLong()).isEqualTo(rejected.get("id").asLong());
        }
        case "CALIBRATE" -> {
          assertThat(chosen.get("origin").asString()).isEqualTo("TEACHER");
          assertThat(chosen.get("critiques").get(0).get("verdict").asString()).isEqualTo("MEDIUM");
          assertThat(verdicts(rejected)).containsExactly(true);
        }
        default -> assertThat(verdicts(rejected)).containsExactly(false);
      }
    }

    assertThat(http().get("/actuator/prometheus").body())
        .contains("cogalign_agent_call_seconds_count{agent=\"critic\",outcome=\"ok\"")
        .contains("cogalign_agent_overhead_milliseconds{agent=\"verifier\",quantile=\"0.99\"");

    List<JsonNode> sft = lines("/api/v1/runs/" + run + "/sft");
    assertThat(sft).hasSize(view.get("counts").get("VERIFIED").asInt());
    assertThat(sft)
        .allSatisfy(
            line -> {
              assertThat(line.propertyNames()).containsExactly("prompt", "completion");
              assertThat(line.get("completion").asString()).containsPattern("\n#### \\S+$");
            });
  }

  @Test
  void keepsEveryFailedRewriteAndTheProvenanceOfEachAgentCall() throws IOException {
    long dataset = Datasets.ofGsm8kTrain(http(), "crv-retries", 0, 12);
    AGENTS.wrongRewrites(1, question -> true);

    long run = startRun(Map.of("datasetId", dataset, "maxRethinkAttempts", 2));
    awaitFinished(run);

    List<Map<String, Object>> misfits =
        jdbc.sql(
                "select rp.problem_id from crv.run_problem rp"
                    + " join crv.cot_revision r on r.problem_id = rp.problem_id"
                    + " join crv.critique c on c.revision_id = r.id and c.run_id = rp.run_id"
                    + " where rp.run_id = :run and rp.state = 'VERIFIED' and c.verdict <> 'MEDIUM'"
                    + " order by rp.problem_id")
            .param("run", run)
            .query()
            .listOfRows();
    assertThat(misfits).isNotEmpty();
    JsonNode problem = http().get("/api/v1/problems/" + misfits.get(0).get("problem_id")).json();
    JsonNode revisions = problem.get("revisions");
    JsonNode teacher = revisions.get(0);
    assertThat(revisions)
        .extracting(r -> r.get("origin").asString())
        .hasSize(4)
        .endsWith("PERTURBED");
    JsonNode failed = revisions.get(1);
    JsonNode rewrite = revisions.get(2);
    JsonNode perturbed = revisions.get(3);
    assertThat(verdicts(failed)).containsExactly(false);
    assertThat(verdicts(rewrite)).containsExactly(true);
    assertThat(verdicts(perturbed)).containsExactly(false);
    assertThat(failed.get("parentId").asLong()).isEqualTo(teacher.get("id").asLong());
    assertThat(rewrite.get("parentId").asLong()).isEqualTo(teacher.get("id").asLong());
    assertThat(perturbed.get("parentId").asLong()).isEqualTo(rewrite.get("id").asLong());
    assertThat(rewrite.get("origin").asString()).isIn("EXTENDED", "SIMPLIFIED");
    assertThat(rewrite.get("call").get("agent").asString()).isEqualTo("rethinker");
    assertThat(rewrite.get("call").get("model").asString()).isEqualTo("rules-v1");
    assertThat(perturbed.get("call").get("agent").asString()).isEqualTo("perturber");
    assertThat(teacher.get("critiques").get(0).get("call").get("agent").asString())
        .isEqualTo("critic");
    assertThat(teacher.get("critiques").get(0).get("reasons")).isNotEmpty();
    assertThat(rewrite.get("verifications").get(0).get("call").get("backend").asString())
        .isEqualTo("rules");
    List<JsonNode> pairs = lines("/api/v1/runs/" + run + "/pairs");
    assertThat(pairs)
        .filteredOn(p -> p.get("problem_id").asLong() == problem.get("id").asLong())
        .extracting(
            p -> p.get("mini_task").asString() + ":" + p.get("rejected_revision_id").asLong())
        .containsExactlyInAnyOrder(
            "ALIGN:" + teacher.get("id").asLong(),
            "CORRECT:" + failed.get("id").asLong(),
            "CORRECT:" + perturbed.get("id").asLong());
  }

  @Test
  void marksAProblemWhoseAgentFailsAsFailedAndFinishesTheOthers() throws IOException {
    long dataset = Datasets.ofGsm8kTrain(http(), "crv-failing", 0, 6);
    AGENTS.failFor("Natalia sold clips");
    try {
      long run = startRun(Map.of("datasetId", dataset));
      JsonNode view = awaitFinished(run);

      assertThat(view.get("status").asString()).isEqualTo("SUCCEEDED");
      assertThat(view.get("counts").get("FAILED").asInt()).isEqualTo(1);
      assertThat(view.get("counts").get("PENDING").asInt()).isZero();
      JsonNode failed = http().get("/api/v1/runs/" + run + "/problems?state=FAILED").json();
      assertThat(failed.get("items")).hasSize(1);
      assertThat(failed.get("items").get(0).get("reason").asString())
          .contains("critic")
          .contains("500");
      List<JsonNode> all = new ArrayList<>();
      String cursor = "";
      do {
        JsonNode page =
            http().get("/api/v1/runs/" + run + "/problems?limit=4&cursor=" + cursor).json();
        page.get("items").forEach(all::add);
        cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
      } while (cursor != null);
      assertThat(all)
          .hasSize(6)
          .extracting(p -> p.get("problemId").asLong())
          .doesNotHaveDuplicates();
    } finally {
      AGENTS.failFor("\u0000never");
    }
  }

  @Test
  void resumesAnInterruptedRunWithoutDuplicatingAnyStep() throws IOException {
    long dataset = Datasets.ofGsm8kTrain(http(), "crv-resume", 0, 10);
    AGENTS.wrongRewrites(1, question -> question.length() % 2 == 1);
    long run = startRun(Map.of("datasetId", dataset, "maxRethinkAttempts", 2));
    awaitFinished(run);
    Map<String, Integer> before = storedCounts(run);
    String pairsBefore = http().get("/api/v1/runs/" + run + "/pairs").body();
    int callsBefore = AGENTS.totalCalls();
    int errorsBefore = AGENTS.errors();

    // what a crash leaves: the run RUNNING, its problems' outcomes not yet recorded
    jdbc.sql("update crv.run set status = 'RUNNING', finished_at = null where id = :run")
        .param("run", run)
        .update();
    jdbc.sql(
            "update crv.run_problem set state = 'PENDING', result_revision_id = null, reason = null"
                + " where run_id = :run")
        .param("run", run)
        .update();
    executor.resumeUnfinished();
    JsonNode resumed = awaitFinished(run);

    assertThat(resumed.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(resumed.get("counts").get("PENDING").asInt()).isZero();
    assertThat(storedCounts(run)).isEqualTo(before);
    assertThat(before.get("cot_revision")).isPositive();
    // only calls that had failed (and so stored nothing) are made again
    assertThat(AGENTS.totalCalls() - callsBefore).isEqualTo(AGENTS.errors() - errorsBefore);
    assertThat(http().get("/api/v1/runs/" + run + "/pairs").body()).isEqualTo(pairsBefore);
  }

  @Test
  void processesEveryProblemOfARunLongerThanOneBatchOfInputsOnce() throws IOException {
    int rows = 2 * RunExecutor.INPUT_BATCH + 5;
    long dataset = Datasets.ofGsm8kTrain(http(), "crv-batches", 0, rows);
    AGENTS.wrongRewrites(0, question -> false);
    long run = startRun(Map.of("datasetId", dataset, "concurrency", 16));
    JsonNode view = awaitFinished(run);

    assertThat(view.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(view.get("total").asInt()).isEqualTo(rows);
    assertThat(view.get("counts").get("PENDING").asInt()).isZero();
    assertThat(view.get("counts").get("FAILED").asInt()).isZero();
    assertThat(view.get("counts").get("SKIPPED").asInt()).isZero();
    // each problem's original critiqued once: no batch's problem handed out twice or left out
    var firstCritiques =
        jdbc.sql(
                "select count(*), count(distinct r.problem_id) from crv.critique c"
                    + " join crv.cot_revision r on r.id = c.revision_id"
                    + " where c.run_id = :run and c.step = :step")
            .param("run", run)
            .param("step", CrvProcessor.CRITIQUE)
            .query((rs, row) -> List.of(rs.getInt(1), rs.getInt(2)))
            .single();
    assertThat(firstCritiques).containsExactly(rows, rows);
  }

  @Test
  void cancelsARunLeavingItsUnprocessedProblemsPending() throws IOException {
    long dataset = Datasets.ofGsm8kTrain(http(), "crv-cancel", 0, 8);
    AGENTS.hold();
    long run;
    try {
      run = startRun(Map.of("datasetId", dataset, "concurrency", 1));
      Response cancelled = http().post("/api/v1/runs/" + run + "/cancel", "application/json", "");
      assertThat(cancelled.status()).isEqualTo(200);
      assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
    } finally {
      AGENTS.release();
    }
    JsonNode view = awaitFinished(run);

    assertThat(view.get("status").asString()).isEqualTo("CANCELLED");
    assertThat(view.get("counts").get("PENDING").asInt()).isGreaterThanOrEqualTo(7);
    assertThat(http().post("/api/v1/runs/" + run + "/cancel", "application/json", "").status())
        .isEqualTo(409);
  }

  @Test
  void leavesARunLeasedByAnotherInstanceAloneUntilItsLeaseIsGone() throws Exception {
    long dataset = Datasets.ofGsm8kTrain(http(), "crv-leased", 0, 4);
    long run;
    AGENTS.hold();
    try {
      run = startRun(Map.of("datasetId", dataset));
      await().atMost(Duration.ofSeconds(30)).until(() -> AGENTS.totalCalls() >= 1);
      assertThat(leases.tryAcquire(run)).isEmpty();
    } finally {
      AGENTS.release();
    }
    awaitFinished(run);
    // what another instance's crash leaves: a RUNNING run; this instance adopts it once unleased
    jdbc.sql("update crv.run set status = 'RUNNING', finished_at = null where id = :run")
        .param("run", run)
        .update();
    try (var other = leases.tryAcquire(run).orElseThrow()) {
      executor.resumeUnfinished();
      await().atMost(Duration.ofSeconds(10)).until(() -> !executor.executing(run));
      assertThat(http().get("/api/v1/runs/" + run).json().get("status").asString())
          .isEqualTo("RUNNING");
    }
    executor.resumeUnfinished();
    assertThat(awaitFinished(run).get("status").asString()).isEqualTo("SUCCEEDED");
  }

  @Test
  void rejectsInvalidRunRequestsWithProblemDetails() {
    Response missing = http().postJson("/api/v1/runs", Map.of("maxRethinkAttempts", 0));
    Response unknownDataset = http().postJson("/api/v1/runs", Map.of("datasetId", 987654321));
    Response unknownBackend =
        http()
            .postJson(
                "/api/v1/runs", Map.of("datasetId", 1, "backends", Map.of("critic", "gpt-9")));
    Response unknownRun = http().get("/api/v1/runs/987654321/pairs");
    Response negativeBeta =
        http().postJson("/api/v1/runs", Map.of("datasetId", 1, "betas", Map.of("ALIGN", -0.1)));
    Response unknownTask =
        http().postJson("/api/v1/runs", Map.of("datasetId", 1, "betas", Map.of("SOLVE", 0.1)));

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("errors").findValuesAsString("field"))
        .containsExactly("datasetId", "maxRethinkAttempts");
    assertThat(unknownDataset.status()).isEqualTo(404);
    assertThat(unknownBackend.status()).isEqualTo(400);
    assertThat(unknownBackend.json().get("detail").asString())
        .isEqualTo("unknown backend 'gpt-9'; allowed: rules, student");
    assertThat(unknownRun.status()).isEqualTo(404);
    assertThat(unknownRun.contentType()).startsWith("application/problem+json");
    assertThat(negativeBeta.status()).isEqualTo(400);
    assertThat(negativeBeta.json().get("errors").findValuesAsString("field").get(0))
        .startsWith("betas");
    assertThat(unknownTask.status()).isEqualTo(400);
  }

  private static JsonNode revision(JsonNode problem, long id) {
    for (JsonNode revision : problem.get("revisions")) {
      if (revision.get("id").asLong() == id) {
        return revision;
      }
    }
    throw new AssertionError("revision " + id + " not in problem " + problem.get("id"));
  }

  private static List<Boolean> verdicts(JsonNode revision) {
    List<Boolean> verdicts = new ArrayList<>();
    revision.get("verifications").forEach(v -> verdicts.add(v.get("correct").asBoolean()));
    return verdicts;
  }
}
