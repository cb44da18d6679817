package dev.cogalign.cogpo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.cogpo.SharedFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

class GenerateCommandTest {

  private static String run(int expectedCode, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new GenerateCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute(args)).as(err.toString()).isEqualTo(expectedCode);
    return expectedCode == 0 ? out.toString().strip() : err.toString();
  }

  @Test
  void greedyIdsFromPromptIdsEqualTransformers() {
    JsonNode golden = SharedFixtures.json(SharedFixtures.hfTiny("golden-qwen2-tiny.json"));
    int[] prompt = SharedFixtures.ints(golden.path("greedy_prompt"));
    int[] expected = SharedFixtures.ints(golden.path("greedy_output"));
    String promptArg =
        Arrays.stream(prompt).mapToObj(String::valueOf).collect(Collectors.joining(","));
    String printed =
        run(
            0,
            "--model",
            SharedFixtures.hfTiny("qwen2-tiny").toString(),
            "--prompt-ids",
            promptArg,
            "--max-new-tokens",
            "16",
            "--ids");
    String want =
        Arrays.stream(expected, prompt.length, expected.length)
            .mapToObj(String::valueOf)
            .collect(Collectors.joining(","));
    assertThat(printed).isEqualTo(want);
  }

  @Test
  void llama2cModelTellsItsStoryFromAnEmptyPrompt() {
    String text =
        run(
            0,
            "--model",
            SharedFixtures.shared().resolve("models/stories260K/stories260K.bin").toString(),
            "--prompt",
            "",
            "--max-new-tokens",
            "40");
    assertThat(text).startsWith("Once upon a time, there was a little girl named Lily.");
  }

  @Test
  void seededSamplingRepeatsAndChatPromptsWork() {
    String model = SharedFixtures.hfTiny("qwen2-tiny").toString();
    String[] args = {
      "--model",
      model,
      "--prompt",
      "What is 2+3?",
      "--chat",
      "--max-new-tokens",
      "12",
      "--temperature",
      "0.8",
      "--top-p",
      "0.9",
      "--seed",
      "42",
      "--ids"
    };
    String first = run(0, args);
    assertThat(first).isNotEmpty().isEqualTo(run(0, args));
  }

  @Test
  void promptAndPromptIdsAreExclusiveAndAMissingModelIsNamed() {
    assertThat(run(2, "--model", "x", "--prompt", "a", "--prompt-ids", "1"))
        .contains("mutually exclusive");
    assertThat(run(1, "--model", "/nonexistent/model", "--prompt", "a"))
        .contains("/nonexistent/model");
  }
}
