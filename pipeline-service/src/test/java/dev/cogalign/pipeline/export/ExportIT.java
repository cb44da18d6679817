package dev.cogalign.pipeline.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.pipeline.support.PipelineIT;
import dev.cogalign.pipeline.support.RuleAgentServer;
import dev.cogalign.pipeline.support.Runs;
import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.Http.Response;
import dev.cogalign.testsupport.SharedData;
import dev.cogalign.testsupport.StatementCounter;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
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
 * The dataset SFT export and the {@code annotations} parameter of every export, over HTTP against
 * embedded PostgreSQL, with runs over the {@link RuleAgentServer}'s real HTTP agents; and what an
 * export costs: the same statements whatever its size.
 */
@Import(ExportIT.CountingDataSource.class)
class ExportIT extends PipelineIT {
  private static final RuleAgentServer AGENTS = new RuleAgentServer();
  private static final StatementCounter STATEMENTS = new StatementCounter();

  @Autowired JdbcClient jdbc;

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

  private long dataset(String name, int gsm8kRows) throws IOException {
    long dataset =
        http().postJson("/api/v1/datasets", Map.of("name", name)).json().get("id").asLong();
    List<Map<String, String>> rows = new ArrayList<>();
    try (var lines = Files.lines(SharedData.path("data/gsm8k/train.jsonl"))) {
      lines
          .limit(gsm8kRows)
          .map(Http.JSON::readTree)
          .forEach(
              n ->
                  rows.add(
                      Map.of(
                          "question", n.get("question").asString(),
                          "answer", n.get("answer").asString())));
    }
    rows.add(1, Map.of("question", "What is 2+3? (no CoT)", "answer", "5"));
    Response upload = http().postJson("/api/v1/datasets/" + dataset + "/problems", rows);
    assertThat(upload.json().get("created").asInt()).isEqualTo(gsm8kRows + 1);
    return dataset;
  }

  private List<JsonNode> lines(String path) {
    Response response = http().get(path);
    assertThat(response.status()).as(path).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/x-ndjson");
    List<JsonNode> lines = new ArrayList<>();
    response.body().lines().forEach(line -> lines.add(Http.JSON.readTree(line)));
    return lines;
  }

  @Test
  void exportsADatasetsTeacherCotsWithGoldAnswersInProblemOrderLeavingOutProblemsWithoutCot()
      throws IOException {
    long dataset = dataset("export-dataset", 5);

    List<JsonNode> lines = lines("/api/v1/datasets/" + dataset + "/sft");

    assertThat(lines).hasSize(5);
    assertThat(lines)
        .extracting(l -> l.get("problem_id").asLong())
        .isSorted()
        .doesNotHaveDuplicates();
    for (JsonNode line : lines) {
      assertThat(line.propertyNames())
          .containsExactly("prompt", "completion", "answer", "problem_id");
      JsonNode problem = http().get("/api/v1/problems/" + line.get("problem_id").asLong()).json();
      assertThat(line.get("prompt").asString()).isEqualTo(problem.get("question").asString());
      assertThat(line.get("answer").asString()).isEqualTo(problem.get("goldAnswer").asString());
      assertThat(line.get("completion").asString())
          .isEqualTo(problem.get("revisions").get(0).get("text").asString())
          .contains("<<")
          .endsWith("\n#### " + line.get("answer").asString());
    }
    assertThat(lines.get(0).get("completion").asString())
        .startsWith("Natalia sold 48/2 = <<48/2=24>>24 clips in May.");
    assertThat(lines("/api/v1/datasets/" + dataset + "/sft?annotations=keep")).isEqualTo(lines);
  }

  @Test
  void stripsCalculatorAnnotationsFromEveryExportedCotButNotFromPrompts() throws IOException {
    long dataset = dataset("export-strip", 12);
    long run = Runs.start(http(), Map.of("datasetId", dataset));
    Runs.awaitFinished(http(), run, Duration.ofSeconds(60));

    List<JsonNode> datasetKept = lines("/api/v1/datasets/" + dataset + "/sft");
    List<JsonNode> datasetStripped =
        lines("/api/v1/datasets/" + dataset + "/sft?annotations=strip");
    assertThat(datasetStripped.get(0).get("completion").asString())
        .startsWith("Natalia sold 48/2 = 24 clips in May.\n")
        .endsWith("\n#### 72");
    assertStripped(datasetKept, datasetStripped, "prompt", List.of("completion"));

    List<JsonNode> sft = lines("/api/v1/runs/" + run + "/sft");
    assertThat(sft).isNotEmpty();
    assertStripped(
        sft,
        lines("/api/v1/runs/" + run + "/sft?annotations=strip"),
        "prompt",
        List.of("completion"));

    List<JsonNode> pairs = lines("/api/v1/runs/" + run + "/pairs");
    assertThat(pairs).isNotEmpty();
    assertThat(lines("/api/v1/runs/" + run + "/pairs?annotations=keep")).isEqualTo(pairs);
    assertStripped(
        pairs,
        lines("/api/v1/runs/" + run + "/pairs?annotations=strip"),
        "prompt",
        List.of("chosen", "rejected"));
  }

  @Test
  void exportsARunsPairsAndSftInTwoStatementsWhetherItHasThreePairsOrNinety() throws IOException {
    long small = storedRun(dataset("export-count-3", 3));
    long large = storedRun(dataset("export-count-90", 90));

    List<List<JsonNode>> exports = new ArrayList<>();
    long smallPairs =
        STATEMENTS.during(() -> exports.add(lines("/api/v1/runs/" + small + "/pairs")));
    long largePairs =
        STATEMENTS.during(() -> exports.add(lines("/api/v1/runs/" + large + "/pairs")));
    long smallSft = STATEMENTS.during(() -> exports.add(lines("/api/v1/runs/" + small + "/sft")));
    long largeSft = STATEMENTS.during(() -> exports.add(lines("/api/v1/runs/" + large + "/sft")));

    // the run's existence (its row), then the export's one streamed query
    assertThat(List.of(smallPairs, largePairs, smallSft, largeSft)).containsOnly(2L);
    assertThat(exports).extracting(List::size).containsExactly(3, 90, 3, 90);
    List<JsonNode> pairs = exports.get(1);
    assertThat(pairs)
        .extracting(pair -> pair.get("problem_id").asLong())
        .isSorted()
        .doesNotHaveDuplicates();
    for (JsonNode pair : pairs) {
      assertThat(pair.get("mini_task").asString()).isEqualTo("CORRECT");
      assertThat(pair.get("beta").asDouble()).isEqualTo(0.25);
      assertThat(pair.get("rejected").asString()).isEqualTo("perturbed\n#### 13");
      assertThat(pair.get("chosen_revision_id").asLong())
          .isNotEqualTo(pair.get("rejected_revision_id").asLong());
    }
    assertThat(exports.get(3))
        .extracting(sft -> sft.get("prompt").asString() + sft.get("completion").asString())
        .containsExactlyElementsOf(
            pairs.stream()
                .map(pair -> pair.get("prompt").asString() + pair.get("chosen").asString())
                .toList());
    assertThat(pairs.get(0).get("chosen").asString()).contains("\n#### ");
  }

  /**
   * A finished run of the dataset written as its workers would leave it: every problem VERIFIED
   * with its teacher CoT, and one CORRECT pair of it over a perturbed CoT whose answer only a
   * verifier extracted.
   */
  private long storedRun(long dataset) {
    long run =
        jdbc.sql(
                "insert into crv.run (dataset_id, status, config, created_at)"
                    + " values (?, 'SUCCEEDED',"
                    + " cast('{\"maxRethinkAttempts\": 0, \"concurrency\": 0}' as jsonb), now())"
                    + " returning id")
            .params(dataset)
            .query(Long.class)
            .single();
    jdbc.sql(
            "insert into crv.run_problem (run_id, problem_id, state, result_revision_id)"
                + " select ?, p.id, 'VERIFIED', min(t.id) from crv.problem p"
                + " join crv.cot_revision t on t.problem_id = p.id and t.origin = 'TEACHER'"
                + " where p.dataset_id = ? group by p.id")
        .params(run, dataset)
        .update();
    jdbc.sql(
            "insert into crv.cot_revision (problem_id, origin, text, steps, run_id, step, attempt,"
                + " created_at) select problem_id, 'PERTURBED', 'perturbed', cast('[]' as jsonb),"
                + " run_id, 'perturb', 0, now() from crv.run_problem where run_id = ?")
        .params(run)
        .update();
    jdbc.sql(
            "insert into crv.verification (revision_id, correct, extracted_answer, findings,"
                + " created_at) select id, false, '13', cast('[]' as jsonb), now()"
                + " from crv.cot_revision where run_id = ?")
        .params(run)
        .update();
    jdbc.sql(
            "insert into crv.preference_pair (run_id, problem_id, chosen_revision_id,"
                + " rejected_revision_id, mini_task, beta, created_at)"
                + " select rp.run_id, rp.problem_id, rp.result_revision_id, r.id, 'CORRECT', 0.25,"
                + " now() from crv.run_problem rp join crv.cot_revision r on r.run_id = rp.run_id"
                + " and r.problem_id = rp.problem_id where rp.run_id = ? order by rp.problem_id")
        .params(run)
        .update();
    return run;
  }

  @Test
  void rejectsAnUnknownAnnotationsValueAndAnUnknownDatasetWithProblemDetails() throws IOException {
    long dataset = dataset("export-errors", 1);
    for (String path :
        List.of(
            "/api/v1/datasets/" + dataset + "/sft?annotations=remove",
            "/api/v1/runs/1/sft?annotations=STRIPPED",
            "/api/v1/runs/1/pairs?annotations=none")) {
      Response response = http().get(path);
      assertThat(response.status()).as(path).isEqualTo(400);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.json().get("detail").asString()).endsWith("allowed: keep, strip");
      assertThat(response.json().get("errors").findValuesAsString("field"))
          .containsExactly("annotations");
    }
    Response unknown = http().get("/api/v1/datasets/987654321/sft");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(unknown.json().get("detail").asString()).contains("dataset 987654321");
  }

  private static void assertStripped(
      List<JsonNode> kept, List<JsonNode> stripped, String prompt, List<String> cots) {
    assertThat(stripped).hasSameSizeAs(kept);
    for (int i = 0; i < kept.size(); i++) {
      assertThat(stripped.get(i).get(prompt)).isEqualTo(kept.get(i).get(prompt));
      for (String field : cots) {
        String original = kept.get(i).get(field).asString();
        assertThat(stripped.get(i).get(field).asString())
            .doesNotContain("<<")
            .doesNotContain(">>")
            .isEqualTo(original.replaceAll("<<[^\\n]*?>>", ""));
      }
    }
  }
}
