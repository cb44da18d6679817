package dev.cogalign.launcher.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ExperimentReportTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static ExperimentPlan plan(Path out) {
    return new ExperimentPlan(
        1,
        2,
        100,
        4,
        30,
        10,
        4,
        5e-3,
        2,
        3,
        4,
        1e-4,
        1.0,
        Map.of("ALIGN", 2.0),
        50,
        10,
        "strip",
        List.of(),
        2,
        out,
        Duration.ofMinutes(5));
  }

  /** The experiment view as trainer-service answers it, two arms, two seeds. */
  private static JsonNode experiment() {
    return JSON.readTree(
        """
        {"id": 7, "heldOut": 4,
         "arms": {
           "sft_teacher": {"accuracy": [0.25, 0.0], "mean": 0.125, "ci95": [0.0, 0.375],
                           "models": ["/m/a", "/m/b"], "steps": 10, "batchSize": 4,
                           "wallSeconds": 3.5, "hitTokenLimit": [0, 1], "jobs": [1, 2],
                           "evalJobs": [5, 6]},
           "sft_crv": {"accuracy": [1.0, 0.75], "mean": 0.875, "ci95": [0.625, 1.0],
                       "models": ["/m/c", "/m/d"], "steps": 10, "batchSize": 4,
                       "wallSeconds": 4.0, "hitTokenLimit": [0, 0], "jobs": [3, 4],
                       "evalJobs": [7, 8]}},
         "comparisons": [{"arm": "sft_crv", "baseline": "sft_teacher", "difference": 0.75,
                          "ci95": [0.5, 1.0]}]}
        """);
  }

  @Test
  void reportJsonHasTheContractsFieldsPerArm(@TempDir Path out) {
    ObjectNode report =
        ExperimentReport.json(plan(out), experiment(), out.resolve("heldout.jsonl"), 12.34);
    assertThat(report.get("seeds")).extracting(JsonNode::asLong).containsExactly(1L, 2L);
    assertThat(report.get("heldOut").asInt()).isEqualTo(4);
    assertThat(report.get("heldOutFile").asString())
        .isEqualTo(out.resolve("heldout.jsonl").toString());
    assertThat(report.get("wallSeconds").asDouble()).isEqualTo(12.3);
    JsonNode crv = report.at("/arms/sft_crv");
    assertThat(crv.get("accuracy")).extracting(JsonNode::asDouble).containsExactly(1.0, 0.75);
    assertThat(crv.get("mean").asDouble()).isEqualTo(0.875);
    assertThat(crv.get("ci95")).extracting(JsonNode::asDouble).containsExactly(0.625, 1.0);
    assertThat(crv.get("models")).extracting(JsonNode::asString).containsExactly("/m/c", "/m/d");
    assertThat(crv.get("steps").asInt()).isEqualTo(10);
  }

  @Test
  void comparisonsAreStatedInPlainWordsWithTheirInterval() {
    JsonNode beats =
        JSON.readTree(
            "{\"arm\":\"sft_crv\",\"baseline\":\"sft_teacher\",\"difference\":0.3,\"ci95\":[0.2,0.4]}");
    JsonNode undecided =
        JSON.readTree(
            "{\"arm\":\"dpo\",\"baseline\":\"sft_crv_continued\",\"difference\":0.01,"
                + "\"ci95\":[-0.02,0.04]}");
    JsonNode worse =
        JSON.readTree(
            "{\"arm\":\"cogpo\",\"baseline\":\"dpo\",\"difference\":-0.1,\"ci95\":[-0.15,-0.05]}");
    assertThat(ExperimentReport.sentence(beats))
        .isEqualTo("`sft_crv` beats `sft_teacher`: +30.0 points (95% CI +20.0 to +40.0).");
    assertThat(ExperimentReport.sentence(undecided))
        .startsWith("`dpo` does not beat `sft_crv_continued`")
        .contains("+1.0 points (95% CI -2.0 to +4.0)");
    assertThat(ExperimentReport.sentence(worse)).startsWith("`cogpo` is worse than `dpo`");
  }

  @Test
  void saysTheEffectIsNotShownWhenTheIntervalIncludesNoDifference(@TempDir Path out) {
    ObjectNode report =
        ExperimentReport.json(plan(out), experiment(), out.resolve("heldout.jsonl"), 12.3);
    ((ObjectNode) report.get("comparisons").get(0)).set("ci95", JSON.readTree("[-0.02, 0.03]"));
    assertThat(ExperimentReport.crvFinding(report))
        .startsWith("At this budget the comparison does not show that CRV helps")
        .contains("sft_crv 87.5%, sft_teacher 12.5% after 10 steps");
  }

  @Test
  void markdownAndChartsAreWrittenFromTheReport(@TempDir Path out) throws Exception {
    ObjectNode report =
        ExperimentReport.json(plan(out), experiment(), out.resolve("heldout.jsonl"), 12.3);
    String md = ExperimentReport.markdown(plan(out), report, "2 cores");
    assertThat(md)
        .contains("| `sft_crv` | 87.5% | 62.5% – 100.0% | 100.0% / 75.0% | 10 × 4 |")
        .contains("`sft_crv` beats `sft_teacher`: +75.0 points")
        .contains("At this budget, SFT on CRV's fitted CoTs answers more held-out problems");
    System.setProperty("java.awt.headless", "true");
    ReportCharts.accuracy(report, out.resolve("accuracy.png"));
    JsonNode points =
        JSON.readTree(
            "[{\"step\":1,\"metrics\":{\"loss\":2.0}},{\"step\":2,\"metrics\":{\"loss\":1.5}}]");
    ReportCharts.curves(report, Map.of(3L, points, 1L, points), out.resolve("curves.png"));
    for (String png : List.of("accuracy.png", "curves.png")) {
      assertThat(Files.readAllBytes(out.resolve(png)))
          .startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }
  }
}
