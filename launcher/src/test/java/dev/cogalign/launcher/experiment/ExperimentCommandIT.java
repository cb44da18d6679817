package dev.cogalign.launcher.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.cogpo.cli.EvalCommand;
import dev.cogalign.launcher.CogAlignCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code cogalign experiment} for real at a tiny budget: the platform with a second trainer worker
 * process, the curriculum through CRV, every arm trained and evaluated through {@code POST
 * /api/v1/experiments} at the gateway, and the report files. The accuracies it reports are those of
 * the models' real generations: re-evaluating a listed model with {@code cogalign eval} on the
 * held-out file gives the same number.
 */
class ExperimentCommandIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dataDirectory;

  @Test
  void experimentTrainsEveryArmThroughTheGatewayAndReportsWhatTheModelsGenerate() throws Exception {
    Path out = dataDirectory.resolve("report");
    CommandLine cli = CogAlignCli.commandLine();
    StringWriter printed = new StringWriter();
    cli.setOut(new PrintWriter(printed, true));
    StringWriter errors = new StringWriter();
    cli.setErr(new PrintWriter(errors, true));

    int exit =
        cli.execute(
            "experiment",
            "--seed",
            "11",
            "--seeds",
            "2",
            "--train-problems",
            "60",
            "--held-out",
            "12",
            "--sft-steps",
            "4",
            "--po-steps",
            "2",
            "--batch-size",
            "4",
            "--workers",
            "2",
            "--data-dir",
            dataDirectory.toString(),
            "--out",
            out.toString());
    String output = printed.toString();
    System.out.println(output);
    assertThat(exit).as(errors + output).isZero();
    assertThat(output)
        .contains("/api/v1/experiments")
        .contains("-H \"Authorization: Bearer $(cat ")
        .contains("Experiment done in");

    JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
    assertThat(report.get("seeds")).extracting(JsonNode::asLong).containsExactly(11L, 12L);
    assertThat(report.get("heldOut").asInt()).isEqualTo(12);
    Path heldOut = Path.of(report.get("heldOutFile").asString());
    assertThat(heldOut).isAbsolute().isRegularFile();
    assertThat(Files.readAllLines(heldOut)).hasSize(12);
    assertThat(report.get("wallSeconds").asDouble()).isPositive();
    assertThat(report.get("arms").propertyNames())
        .containsExactly("sft_teacher", "sft_crv", "dpo", "cogpo", "sft_crv_continued");
    for (JsonNode arm : report.get("arms")) {
      assertThat(arm.get("accuracy")).hasSize(2);
      assertThat(arm.get("models")).hasSize(2);
      assertThat(arm.get("ci95")).hasSize(2);
      assertThat(arm.get("ci95").get(0).asDouble()).isLessThanOrEqualTo(arm.get("mean").asDouble());
      assertThat(arm.get("ci95").get(1).asDouble())
          .isGreaterThanOrEqualTo(arm.get("mean").asDouble());
      for (JsonNode model : arm.get("models")) {
        assertThat(Path.of(model.asString()).resolve("config.json")).isRegularFile();
      }
    }
    assertThat(report.at("/arms/sft_teacher/steps").asInt()).isEqualTo(4);
    assertThat(report.at("/arms/sft_crv/steps").asInt()).isEqualTo(4);
    assertThat(report.at("/arms/dpo/steps").asInt()).isEqualTo(2);
    assertThat(report.at("/arms/sft_crv_continued/steps").asInt()).isEqualTo(2);
    assertThat(report.get("comparisons")).hasSize(5);
    assertThat(Files.readString(out.resolve("report.md")))
        .contains("| `sft_crv` |")
        .contains("`sft_crv` ")
        .contains("sft_crv_continued");
    for (String png : List.of("accuracy.png", "curves.png")) {
      byte[] bytes = Files.readAllBytes(out.resolve(png));
      assertThat(bytes).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }

    // the report's accuracy of a model is what `cogalign eval` measures on the held-out file
    String model = report.at("/arms/sft_crv/models/1").asString();
    double reported = report.at("/arms/sft_crv/accuracy/1").asDouble();
    Path items = dataDirectory.resolve("items.jsonl");
    StringWriter evalOut = new StringWriter();
    CommandLine eval = new CommandLine(new EvalCommand());
    eval.setOut(new PrintWriter(evalOut, true));
    eval.setErr(new PrintWriter(new StringWriter(), true));
    int evalExit =
        eval.execute(
            "--model",
            model,
            "--bench",
            "gsm8k",
            "--data",
            heldOut.toString(),
            "--max-new-tokens",
            "" + ExperimentPlan.DEFAULT_MAX_NEW_TOKENS,
            "--batch-size",
            "" + ExperimentPlan.DEFAULT_EVAL_BATCH_SIZE,
            "--outputs",
            items.toString());
    assertThat(evalExit).isZero();
    Matcher accuracy = Pattern.compile("accuracy (\\d+)/(\\d+)").matcher(evalOut.toString());
    assertThat(accuracy.find()).as(evalOut.toString()).isTrue();
    assertThat(Double.parseDouble(accuracy.group(1)) / Double.parseDouble(accuracy.group(2)))
        .isEqualTo(reported);
    // and what it generated is real text from the model, one output per held-out problem
    List<String> lines = Files.readAllLines(items, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(12);
    assertThat(lines)
        .allSatisfy(l -> assertThat(JSON.readTree(l).get("output").asString()).isNotEmpty());
  }
}
