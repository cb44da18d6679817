package dev.cogalign.cogpo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cogalign.cogpo.SharedFixtures;
import dev.cogalign.cogpo.tokenizer.HfTokenizer;
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

class ScoreCommandTest {

  @Test
  void scoresIdLinesAsTransformersAndRepeatsTheInputFields(@TempDir Path dir) throws Exception {
    JsonNode golden = SharedFixtures.json(SharedFixtures.hfTiny("golden-qwen2-tiny.json"));
    List<String> lines = new ArrayList<>();
    for (JsonNode pair : golden.path("pairs")) {
      lines.add(
          SharedFixtures.JSON.writeValueAsString(
              Map.of(
                  "prompt_ids", pair.path("prompt"),
                  "completion_ids", pair.path("chosen"),
                  "problem_id", "p" + lines.size())));
    }
    Path input = dir.resolve("in.jsonl");
    Path output = dir.resolve("out.jsonl");
    Files.write(input, lines);

    int code =
        new CommandLine(new ScoreCommand())
            .execute(
                "--model", SharedFixtures.hfTiny("qwen2-tiny-policy").toString(),
                "--input", input.toString(),
                "--output", output.toString(),
                "--batch-size", "3");

    assertThat(code).isZero();
    List<String> out = Files.readAllLines(output);
    assertThat(out).hasSize(4);
    for (int i = 0; i < 4; i++) {
      JsonNode line = SharedFixtures.JSON.readTree(out.get(i));
      JsonNode pair = golden.path("pairs").get(i);
      assertThat(line.path("problem_id").asString()).isEqualTo("p" + i);
      assertThat(line.path("prompt_ids")).isEqualTo(pair.path("prompt"));
      assertThat(line.path("tokens").asInt()).isEqualTo(pair.path("chosen").size());
      assertThat(line.path("logp").asDouble())
          .isCloseTo(pair.path("policy_chosen_logp").asDouble(), within(1e-4));
    }
  }

  @Test
  void textLinesAreTokenizedAsPromptThenCompletionWithoutSpecialTokens(@TempDir Path dir)
      throws Exception {
    Path model = SharedFixtures.hfTiny("llama-tiny");
    String prompt = "Question: Natalia sold 48 clips.\nAnswer:";
    String completion = " She sold 48/2 = <<48/2=24>>24 clips.\n#### 72";
    int[] promptIds;
    int[] completionIds;
    try (HfTokenizer tokenizer = HfTokenizer.load(model)) {
      promptIds = tokenizer.encode(prompt);
      completionIds = tokenizer.encode(completion);
    }
    Path input = dir.resolve("in.jsonl");
    Files.write(
        input,
        List.of(
            SharedFixtures.JSON.writeValueAsString(
                Map.of("prompt", prompt, "completion", completion)),
            SharedFixtures.JSON.writeValueAsString(
                Map.of("prompt_ids", promptIds, "completion_ids", completionIds))));
    Path output = dir.resolve("out.jsonl");

    int code =
        new CommandLine(new ScoreCommand())
            .execute(
                "--model",
                model.toString(),
                "--input",
                input.toString(),
                "--output",
                output.toString());

    assertThat(code).isZero();
    List<String> out = Files.readAllLines(output);
    JsonNode text = SharedFixtures.JSON.readTree(out.get(0));
    JsonNode ids = SharedFixtures.JSON.readTree(out.get(1));
    assertThat(text.path("prompt").asString()).isEqualTo(prompt);
    assertThat(text.path("tokens").asInt()).isEqualTo(completionIds.length);
    assertThat(text.path("logp").asDouble()).isNegative();
    assertThat(text.path("logp").asDouble()).isCloseTo(ids.path("logp").asDouble(), within(1e-5));
  }

  @Test
  void malformedLineFailsNamingItsNumberAndWritesNothing(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("in.jsonl");
    Path output = dir.resolve("out.jsonl");
    Files.write(input, List.of("{\"prompt\":\"a\",\"completion\":\"b\"}", "{\"prompt\":\"only\"}"));
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ScoreCommand());
    cli.setErr(new PrintWriter(err));

    int code =
        cli.execute(
            "--model", SharedFixtures.hfTiny("qwen2-tiny").toString(),
            "--input", input.toString(),
            "--output", output.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("line 2").contains("completion");
    assertThat(output).doesNotExist();
  }
}
