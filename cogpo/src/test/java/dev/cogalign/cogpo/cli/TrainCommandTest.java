package dev.cogalign.cogpo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.cogpo.SharedFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

class TrainCommandTest {

  private static final String NAME = "qwen2-tiny";

  private static int run(Object command, StringWriter err, String... args) {
    CommandLine cli = new CommandLine(command);
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void oneFullBatchSgdStepReproducesTheGoldenLossAfterSgdAndScoreLoadsTheResult(@TempDir Path dir)
      throws Exception {
    JsonNode golden = SharedFixtures.json(SharedFixtures.hfTiny("golden-" + NAME + ".json"));
    Path data = dir.resolve("pairs.jsonl");
    List<String> lines = new ArrayList<>();
    List<String> chosen = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    for (JsonNode p : golden.path("pairs")) {
      lines.add(
          SharedFixtures.JSON.writeValueAsString(
              Map.of(
                  "prompt_ids", p.path("prompt"),
                  "chosen_ids", p.path("chosen"),
                  "rejected_ids", p.path("rejected"),
                  "beta", p.path("beta").asDouble(),
                  "mini_task", "CORRECT")));
      chosen.add(
          SharedFixtures.JSON.writeValueAsString(
              Map.of("prompt_ids", p.path("prompt"), "completion_ids", p.path("chosen"))));
      rejected.add(
          SharedFixtures.JSON.writeValueAsString(
              Map.of("prompt_ids", p.path("prompt"), "completion_ids", p.path("rejected"))));
    }
    Files.write(data, lines);
    Path out = dir.resolve("out");

    StringWriter err = new StringWriter();
    int code =
        run(
            new TrainCommand(),
            err,
            "--method",
            "cogpo",
            "--model",
            SharedFixtures.hfTiny(NAME + "-policy").toString(),
            "--ref",
            SharedFixtures.hfTiny(NAME).toString(),
            "--data",
            data.toString(),
            "--out",
            out.toString(),
            "--optimizer",
            "sgd",
            "--lr",
            "0.1",
            "--steps",
            "1",
            "--batch-size",
            "4",
            "--ref-cache",
            dir.resolve("cache").toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).contains("trained 1 steps");
    assertThat(out.resolve("metrics.jsonl")).exists();
    JsonNode metrics =
        SharedFixtures.JSON.readTree(Files.readAllLines(out.resolve("metrics.jsonl")).get(0));
    assertThat(metrics.path("loss").asDouble())
        .isCloseTo(
            golden.path("cogpo_loss").asDouble(),
            org.assertj.core.data.Percentage.withPercentage(1e-3));
    assertThat(metrics.has("rewards/margins/CORRECT")).isTrue();

    // score the trained model's chosen and rejected completions through the score command
    double[] pc = score(out, chosen, dir.resolve("chosen"));
    double[] pr = score(out, rejected, dir.resolve("rejected"));
    double loss = 0;
    for (int i = 0; i < pc.length; i++) {
      JsonNode p = golden.path("pairs").get(i);
      double delta =
          (pc[i] - pr[i])
              - (p.path("ref_chosen_logp").asDouble() - p.path("ref_rejected_logp").asDouble());
      double z = p.path("beta").asDouble() * delta;
      loss += Math.log1p(Math.exp(-z)) / pc.length; // −log σ(z)
    }
    double expected = golden.path("cogpo_loss_after_sgd_0.1").asDouble();
    System.out.printf(
        "train CLI: loss after SGD relative error %.2e%n", Math.abs(loss - expected) / expected);
    assertThat(Math.abs(loss - expected) / expected).isLessThan(1e-4);
  }

  private static double[] score(Path model, List<String> lines, Path base) throws Exception {
    Path in = Path.of(base + ".in.jsonl");
    Path outFile = Path.of(base + ".out.jsonl");
    Files.write(in, lines);
    StringWriter err = new StringWriter();
    int code =
        run(
            new ScoreCommand(),
            err,
            "--model",
            model.toString(),
            "--input",
            in.toString(),
            "--output",
            outFile.toString());
    assertThat(code).as(err.toString()).isZero();
    return Files.readAllLines(outFile).stream()
        .mapToDouble(l -> SharedFixtures.JSON.readTree(l).path("logp").asDouble())
        .toArray();
  }

  @Test
  void unknownMethodFailsListingTheAllowedOnes(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("d.jsonl");
    Files.writeString(data, "");
    StringWriter err = new StringWriter();
    int code =
        run(
            new TrainCommand(),
            err,
            "--method",
            "ppo",
            "--model",
            SharedFixtures.hfTiny(NAME).toString(),
            "--data",
            data.toString(),
            "--out",
            dir.resolve("out").toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("method 'ppo' is not one of sft|dpo|cogpo");
  }

  @Test
  void badNumbersAreAllNamedBeforeAnythingIsLoaded(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    int code =
        run(
            new TrainCommand(),
            err,
            "--method",
            "dpo",
            "--model",
            dir.resolve("missing").toString(),
            "--data",
            dir.resolve("missing.jsonl").toString(),
            "--out",
            dir.resolve("out").toString(),
            "--steps",
            "2",
            "--epochs",
            "1",
            "--label-smoothing",
            "0.6");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("steps 2 and epochs 1").contains("label smoothing 0.6");
  }

  @Test
  void zeroEngineThreadsIsRejectedBeforeAnythingIsLoaded(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    int code =
        run(
            new TrainCommand(),
            err,
            "--method",
            "dpo",
            "--model",
            dir.resolve("missing").toString(),
            "--data",
            dir.resolve("missing.jsonl").toString(),
            "--out",
            dir.resolve("out").toString(),
            "--threads",
            "0");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("--threads 0 must be >= 1");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
