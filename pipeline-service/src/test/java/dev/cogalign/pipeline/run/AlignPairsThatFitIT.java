package dev.cogalign.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.pipeline.support.PipelineIT;
import dev.cogalign.pipeline.support.RuleAgentServer;
import dev.cogalign.pipeline.support.Runs;
import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.Http.Response;
import dev.cogalign.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * ALIGN pairs that fit: over real HTTP agents ({@link RuleAgentServer}) and embedded PostgreSQL, a
 * rewrite becomes a problem's result and the chosen side of an ALIGN pair only when it is verified
 * and critiqued MEDIUM, against a verified-correct original.
 */
class AlignPairsThatFitIT extends PipelineIT {
  private static final RuleAgentServer AGENTS = new RuleAgentServer();

  /** An EASY original whose annotation is wrong; the scripted rethinker repairs it. */
  static final String WRONG_QUESTION =
      "Tom has 17 apples. He buys 5 more, doubles them and eats 3. How many does he have now?";

  static final String WRONG_ORIGINAL = "He has (17+5)*2-3 = <<(17+5)*2-3=40>>41 apples.\n#### 41";
  static final String FITTING_REWRITE =
      "First, 17 + 5 = <<17+5=22>>22.\nNext, 22 * 2 = <<22*2=44>>44.\n"
          + "He has 44 - 3 = <<44-3=41>>41 apples.\n#### 41";

  /** An EASY original whose extension has 9 steps: correct, but too long for the student. */
  static final String LONG_QUESTION =
      "Ann has 1 pen. She buys 2, 3, 4, 5 and 6 more, then 1, 2, 3 and 4 more."
          + " How many pens does she have?";

  static final String LONG_ORIGINAL =
      "She has 1+2+3+4+5+6 = <<1+2+3+4+5+6=21>>21 pens.\n"
          + "Then she has 21+1+2+3+4 = <<21+1+2+3+4=31>>31 pens.\n#### 31";

  @Autowired JdbcClient jdbc;
  @Autowired RunExecutor executor;

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
  void everyAlignPairChoosesAMediumRewriteOfAVerifiedCorrectOriginal() throws IOException {
    AGENTS.scriptRewrite(WRONG_QUESTION, FITTING_REWRITE);
    long dataset =
        http().postJson("/api/v1/datasets", Map.of("name", "align-fit")).json().get("id").asLong();
    List<Map<String, String>> rows = new ArrayList<>();
    try (var lines = Files.lines(SharedData.path("data/gsm8k/train.jsonl"))) {
      lines.limit(60).forEach(line -> rows.add(gsm8k(line)));
    }
    rows.add(Map.of("question", WRONG_QUESTION, "answer", WRONG_ORIGINAL));
    rows.add(Map.of("question", LONG_QUESTION, "answer", LONG_ORIGINAL));
    Response upload = http().postJson("/api/v1/datasets/" + dataset + "/problems", rows);
    assertThat(upload.json().get("created").asInt()).isEqualTo(62);

    long run = Runs.start(http(), Map.of("datasetId", dataset, "maxRethinkAttempts", 2));
    Runs.awaitFinished(http(), run, Duration.ofSeconds(60), () -> !executor.executing(run));

    List<Map<String, Object>> align =
        jdbc.sql(
                "select pp.chosen_revision_id, pp.rejected_revision_id from crv.preference_pair pp"
                    + " where pp.run_id = :run and pp.mini_task = 'ALIGN'")
            .param("run", run)
            .query()
            .listOfRows();
    assertThat(align).hasSizeGreaterThan(10);
    for (Map<String, Object> pair : align) {
      assertThat(verdictsOf((Long) pair.get("chosen_revision_id"), run)).containsOnly("MEDIUM");
      assertThat(correctnessOf((Long) pair.get("rejected_revision_id"), run)).containsOnly(true);
    }

    long wrong = problemId(dataset, WRONG_QUESTION);
    assertThat(pairsOf(run, wrong))
        .containsExactlyInAnyOrder("CORRECT:EXTENDED>TEACHER", "CORRECT:EXTENDED>PERTURBED");
    assertThat(state(run, wrong)).isEqualTo("VERIFIED");

    long tooLong = problemId(dataset, LONG_QUESTION);
    assertThat(
            jdbc.sql(
                    "select c.verdict from crv.critique c join crv.cot_revision r"
                        + " on r.id = c.revision_id where r.problem_id = :problem"
                        + " and c.run_id = :run and c.step = :step and c.attempt = 1")
                .param("problem", tooLong)
                .param("run", run)
                .param("step", CrvProcessor.CRITIQUE_REWRITE)
                .query(String.class)
                .single())
        .isEqualTo("HARD");
    if (state(run, tooLong).equals("REJECTED")) {
      assertThat(pairsOf(run, tooLong)).noneMatch(p -> p.startsWith("ALIGN:"));
    }
  }

  private static Map<String, String> gsm8k(String line) {
    var node = Http.JSON.readTree(line);
    return Map.of(
        "question", node.get("question").asString(), "answer", node.get("answer").asString());
  }

  private List<String> verdictsOf(long revision, long run) {
    return jdbc.sql("select verdict from crv.critique where revision_id = :r and run_id = :run")
        .param("r", revision)
        .param("run", run)
        .query(String.class)
        .list();
  }

  private List<Boolean> correctnessOf(long revision, long run) {
    return jdbc.sql("select correct from crv.verification where revision_id = :r and run_id = :run")
        .param("r", revision)
        .param("run", run)
        .query(Boolean.class)
        .list();
  }

  private long problemId(long dataset, String question) {
    return jdbc.sql("select id from crv.problem where dataset_id = :d and question = :q")
        .param("d", dataset)
        .param("q", question)
        .query(Long.class)
        .single();
  }

  private String state(long run, long problem) {
    return jdbc.sql("select state from crv.run_problem where run_id = :run and problem_id = :p")
        .param("run", run)
        .param("p", problem)
        .query(String.class)
        .single();
  }

  private List<String> pairsOf(long run, long problem) {
    return jdbc.sql(
            "select pp.mini_task || ':' || c.origin || '>' || r.origin from crv.preference_pair pp"
                + " join crv.cot_revision c on c.id = pp.chosen_revision_id"
                + " join crv.cot_revision r on r.id = pp.rejected_revision_id"
                + " where pp.run_id = :run and pp.problem_id = :p order by pp.id")
        .param("run", run)
        .param("p", problem)
        .query(String.class)
        .list();
  }
}
