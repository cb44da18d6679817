package dev.cogalign.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.pipeline.support.Datasets;
import dev.cogalign.pipeline.support.PipelineIT;
import dev.cogalign.pipeline.support.RuleAgentServer;
import dev.cogalign.pipeline.support.Runs;
import dev.cogalign.testsupport.Http.Response;
import dev.cogalign.testsupport.StatementCounter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What a run's view costs and when it is sent: the counters its row keeps (one statement per view
 * whatever the run's size, one per list), that they equal a recount, and {@code If-None-Match}.
 */
@Import(RunViewIT.CountingDataSource.class)
class RunViewIT extends PipelineIT {
  private static final RuleAgentServer AGENTS = new RuleAgentServer();
  private static final StatementCounter STATEMENTS = new StatementCounter();
  private static final RunConfig DEFAULTS =
      RunConfig.of(new RunRequest(0L, null, null, null, null, null, null, null));

  private final List<Long> idle = new ArrayList<>();

  @Autowired JdbcClient jdbc;
  @Autowired RunRepository runs;
  @Autowired RunExecutor executor;

  @TestConfiguration(proxyBeanMethods = false)
  static class CountingDataSource {
    @Bean
    static BeanPostProcessor countStatements() {
      return STATEMENTS.wrappingEveryDataSource();
    }
  }

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

  @Test
  void readsARunInOneStatementWhetherItHasThreeProblemsOrThreeHundred() throws IOException {
    long small = created(Datasets.ofGsm8kTrain(http(), "view-3", 0, 3), DEFAULTS);
    long large = created(Datasets.ofGsm8kTrain(http(), "view-300", 0, 300), DEFAULTS);
    List<Long> problems = runs.pendingProblems(large);
    for (int i = 0; i < 200; i++) {
      ProblemState state = List.of(ProblemState.VERIFIED, ProblemState.REJECTED).get(i % 2);
      runs.record(large, problems.get(i), Outcome.of(state, null));
    }

    long smallCost = STATEMENTS.during(() -> assertThat(view(small).status()).isEqualTo(200));
    AtomicReference<Response> largeView = new AtomicReference<>();
    long largeCost = STATEMENTS.during(() -> largeView.set(view(large)));

    assertThat(smallCost).isEqualTo(1);
    assertThat(largeCost).isEqualTo(smallCost);
    JsonNode counts = largeView.get().json().get("counts");
    assertThat(largeView.get().json().get("total").asInt()).isEqualTo(300);
    assertThat(counts.get("PENDING").asInt()).isEqualTo(100);
    assertThat(counts.get("VERIFIED").asInt()).isEqualTo(100);
    assertThat(counts.get("REJECTED").asInt()).isEqualTo(100);
  }

  @Test
  void listsRunsInOneStatementWhetherTwoOrTwenty() throws IOException {
    long two = Datasets.ofGsm8kTrain(http(), "list-2", 0, 2);
    long twenty = Datasets.ofGsm8kTrain(http(), "list-20", 0, 2);
    for (int i = 0; i < 2; i++) {
      created(two, DEFAULTS);
    }
    for (int i = 0; i < 20; i++) {
      created(twenty, DEFAULTS);
    }

    long twoCost = STATEMENTS.during(() -> assertThat(list(two)).hasSize(2));
    long twentyCost = STATEMENTS.during(() -> assertThat(list(twenty)).hasSize(20));

    assertThat(twoCost).isEqualTo(1);
    assertThat(twentyCost).isEqualTo(twoCost);
    assertThat(list(twenty)).allSatisfy(run -> assertThat(run.get("total").asInt()).isEqualTo(2));
  }

  @Test
  void createsARunInTwoStatementsWhetherItHasThreeProblemsOrAThousand() throws IOException {
    long small = Datasets.ofGsm8kTrain(http(), "create-3", 0, 3);
    long large = Datasets.ofGsm8kTrain(http(), "create-1000", 0, 1000);

    AtomicReference<Long> smallRun = new AtomicReference<>();
    long smallCost = STATEMENTS.during(() -> smallRun.set(created(small, DEFAULTS)));
    AtomicReference<Long> largeRun = new AtomicReference<>();
    long largeCost = STATEMENTS.during(() -> largeRun.set(created(large, DEFAULTS)));

    assertThat(smallCost).isEqualTo(2);
    assertThat(largeCost).isEqualTo(smallCost);
    assertThat(runs.pendingProblems(largeRun.get())).hasSize(1000);
    assertThat(recount(largeRun.get())).containsEntry(ProblemState.PENDING, 1000L);
    JsonNode view = view(largeRun.get()).json();
    assertThat(view.get("status").asString()).isEqualTo("QUEUED");
    assertThat(view.get("total").asInt()).isEqualTo(1000);
    assertThat(view.get("counts").get("PENDING").asInt()).isEqualTo(1000);
    assertThat(view(smallRun.get()).json().get("total").asInt()).isEqualTo(3);
  }

  @Test
  void pagesARunsProblemsInTwoStatementsWhetherTenOrAHundredAndByStateWithoutRepeatingOne()
      throws IOException {
    long run = created(Datasets.ofGsm8kTrain(http(), "problems-150", 0, 150), DEFAULTS);
    List<Long> problems = runs.pendingProblems(run);
    for (int i = 0; i < problems.size(); i += 3) {
      runs.record(run, problems.get(i), Outcome.of(ProblemState.SKIPPED, "every third"));
    }

    long tenCost =
        STATEMENTS.during(() -> assertThat(problemPage(run, "limit=10").get("items")).hasSize(10));
    long hundredCost =
        STATEMENTS.during(
            () -> assertThat(problemPage(run, "limit=100").get("items")).hasSize(100));
    List<Long> skipped = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          problemPage(run, "state=SKIPPED&limit=7" + (cursor == null ? "" : "&cursor=" + cursor));
      page.get("items")
          .forEach(
              item -> {
                assertThat(item.get("state").asString()).isEqualTo("SKIPPED");
                assertThat(item.get("reason").asString()).isEqualTo("every third");
                skipped.add(item.get("problemId").asLong());
              });
      JsonNode next = page.get("nextCursor");
      cursor = next == null || next.isNull() ? null : next.asString();
    } while (cursor != null);

    assertThat(tenCost).isEqualTo(2);
    assertThat(hundredCost).isEqualTo(tenCost);
    assertThat(skipped)
        .hasSize(50)
        .isSorted()
        .doesNotHaveDuplicates()
        .containsExactlyElementsOf(
            IntStream.range(0, 50).mapToObj(i -> problems.get(i * 3)).toList());
  }

  @Test
  void keepsCountsEqualToARecountAfterMixedOutcomesAndAfterACrashAndResume() throws IOException {
    List<String> rows = new ArrayList<>(Datasets.gsm8kTrain(0, 12));
    rows.add("{\"question\": \"What is 6 times 7?\", \"answer\": \"42\"}"); // no CoT: SKIPPED
    long dataset = Datasets.of(http(), "recount", rows);
    // one rethink attempt, wrong for half the questions: those not MEDIUM at first are REJECTED
    AGENTS.wrongRewrites(1, question -> question.length() % 2 == 0).failFor("Natalia sold clips");
    try {
      long run = start(dataset);
      JsonNode view = awaitFinished(run);

      assertThat(counts(view)).isEqualTo(recount(run)).containsEntry(ProblemState.PENDING, 0L);
      assertThat(counts(view).get(ProblemState.FAILED)).isPositive();
      assertThat(counts(view).get(ProblemState.SKIPPED)).isPositive();
      assertThat(counts(view).get(ProblemState.VERIFIED)).isPositive();
      assertThat(counts(view).get(ProblemState.REJECTED)).isPositive();
      assertThat(view.get("pairs").asLong()).isPositive().isEqualTo(recountPairs(run));

      // what a crash leaves: every problem back to PENDING, then resumed
      jdbc.sql("update crv.run set status = 'RUNNING', finished_at = null where id = :run")
          .param("run", run)
          .update();
      jdbc.sql("update crv.run_problem set state = 'PENDING' where run_id = :run")
          .param("run", run)
          .update();
      assertThat(counts(view(run).json()))
          .isEqualTo(recount(run))
          .containsEntry(ProblemState.PENDING, 13L);
      executor.start(run);
      JsonNode resumed = awaitFinished(run);

      assertThat(counts(resumed)).isEqualTo(recount(run)).isEqualTo(counts(view));
      assertThat(resumed.get("pairs").asLong()).isEqualTo(recountPairs(run));
    } finally {
      AGENTS.wrongRewrites(0, question -> false).failFor("\u0000never");
    }
  }

  @Test
  void answersNotModifiedWithoutABodyUntilTheRunChanges() throws IOException {
    long run = created(Datasets.ofGsm8kTrain(http(), "etag", 0, 3), DEFAULTS);
    Response first = view(run);
    String etag = first.headers().firstValue("ETag").orElseThrow();

    Response unchanged = http().withHeader("If-None-Match", etag).get("/api/v1/runs/" + run);
    runs.record(run, runs.pendingProblems(run).get(0), Outcome.of(ProblemState.SKIPPED, null));
    Response changed = http().withHeader("If-None-Match", etag).get("/api/v1/runs/" + run);
    String newEtag = changed.headers().firstValue("ETag").orElseThrow();
    Response again = http().withHeader("If-None-Match", newEtag).get("/api/v1/runs/" + run);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.headers().allValues("ETag")).containsExactly(etag);
    assertThat(etag).startsWith("W/\"");
    assertThat(unchanged.status()).isEqualTo(304);
    assertThat(unchanged.body()).isEmpty();
    assertThat(unchanged.headers().allValues("ETag")).containsExactly(etag);
    assertThat(changed.status()).isEqualTo(200);
    assertThat(newEtag).isNotEqualTo(etag);
    assertThat(changed.json().get("counts").get("SKIPPED").asInt()).isEqualTo(1);
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  /** A QUEUED run no executor works on; cancelled after the test, so no resume adopts it. */
  private long created(long dataset, RunConfig config) {
    long run = runs.create(dataset, config);
    idle.add(run);
    return run;
  }

  @AfterEach
  void cancelIdleRuns() {
    idle.forEach(run -> runs.finish(run, RunStatus.CANCELLED, "end of test"));
    idle.clear();
  }

  private Response view(long run) {
    return http().get("/api/v1/runs/" + run);
  }

  private JsonNode problemPage(long run, String query) {
    Response response = http().get("/api/v1/runs/" + run + "/problems?" + query);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private List<JsonNode> list(long dataset) {
    Response response = http().get("/api/v1/runs?datasetId=" + dataset + "&limit=100");
    assertThat(response.status()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    response.json().forEach(items::add);
    return items;
  }

  private long start(long dataset) {
    return Runs.start(
        http(), Map.of("datasetId", dataset, "concurrency", 3, "maxRethinkAttempts", 1));
  }

  private JsonNode awaitFinished(long run) {
    return Runs.awaitFinished(http(), run, Duration.ofSeconds(60), () -> !executor.executing(run));
  }

  private static Map<ProblemState, Long> counts(JsonNode view) {
    Map<ProblemState, Long> counts = new EnumMap<>(ProblemState.class);
    view.get("counts")
        .properties()
        .forEach(e -> counts.put(ProblemState.valueOf(e.getKey()), e.getValue().asLong()));
    return counts;
  }

  private Map<ProblemState, Long> recount(long run) {
    Map<ProblemState, Long> counts = new EnumMap<>(ProblemState.class);
    for (ProblemState state : ProblemState.values()) {
      counts.put(state, 0L);
    }
    jdbc.sql("select state, count(*) from crv.run_problem where run_id = :run group by state")
        .param("run", run)
        .query((rs, row) -> counts.put(ProblemState.valueOf(rs.getString(1)), rs.getLong(2)))
        .list();
    return counts;
  }

  private long recountPairs(long run) {
    return jdbc.sql("select count(*) from crv.preference_pair where run_id = :run")
        .param("run", run)
        .query(Long.class)
        .single();
  }
}
