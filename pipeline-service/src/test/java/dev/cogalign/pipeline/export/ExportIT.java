package dev.cogalign.pipeline.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogalign.pipeline.support.PipelineIT;
import dev.cogalign.pipeline.support.RuleAgentServer;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The dataset SFT export and the {@code annotations} parameter of every export, over HTTP against
 * embedded PostgreSQL, with runs over the {@link RuleAgentServer}'s real HTTP agents.
 */
class ExportIT extends PipelineIT {
  private static final RuleAgentServer AGENTS = new RuleAgentServer();

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
    long run =
        http().postJson("/api/v1/runs", Map.of("datasetId", dataset)).json().get("id").asLong();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                List.of("SUCCEEDED", "FAILED")
                    .contains(http().get("/api/v1/runs/" + run).json().get("status").asString()));

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
