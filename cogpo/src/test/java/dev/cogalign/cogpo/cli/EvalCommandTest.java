package dev.cogalign.cogpo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.cogpo.SharedFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

class EvalCommandTest {

  @Test
  void reportsAccuracyOverTheFirstProblemsWithGoldAnswersFromTheBenchmark(@TempDir Path dir)
      throws Exception {
    // a two-problem GSM8K file whose gold answers are 18 and 3; the tiny random model answers
    // nothing sensible, so both are wrong
    Path data = dir.resolve("gsm8k.jsonl");
    List<String> first =
        Files.readAllLines(SharedFixtures.shared().resolve("data/gsm8k/test.jsonl")).subList(0, 3);
    Files.write(data, first);
    Path output = dir.resolve("items.jsonl");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new EvalCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute(
            "--model",
            SharedFixtures.hfTiny("qwen2-tiny").toString(),
            "--bench",
            "gsm8k",
            "--data",
            data.toString(),
            "--limit",
            "2",
            "--max-new-tokens",
            "6",
            "--output",
            output.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("gsm8k accuracy 0/2 = 0.0000\nhit token limit ");
    List<String> lines = Files.readAllLines(output);
    assertThat(lines).hasSize(2);
    JsonNode item = SharedFixtures.JSON.readTree(lines.get(0));
    assertThat(item.path("gold").asString()).isEqualTo("18");
    assertThat(item.path("new_tokens").asInt()).isBetween(1, 6);
    assertThat(SharedFixtures.JSON.readTree(lines.get(1)).path("gold").asString()).isEqualTo("3");
  }

  @Test
  void unknownBenchmarkFailsListingTheKnownOnes() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new EvalCommand());
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute("--model", SharedFixtures.hfTiny("qwen2-tiny").toString(), "--bench", "mmlu");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("benchmark 'mmlu' is not one of gsm8k|math500");
  }
}
