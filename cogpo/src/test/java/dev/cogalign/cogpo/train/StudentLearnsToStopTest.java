package dev.cogalign.cogpo.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.SharedFixtures;
import dev.cogalign.cogpo.checkpoint.ModelBundle;
import dev.cogalign.cogpo.cli.EvalCommand;
import dev.cogalign.cogpo.generate.GenerationConfig;
import dev.cogalign.cogpo.generate.Generator;
import dev.cogalign.cogpo.model.ScratchStudent;
import dev.cogalign.cogpo.tokenizer.CharTokenizerFiles;
import dev.cogalign.cogpo.train.data.PromptFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * A scratch student fine-tuned on text data in the RAW format learns the end-of-sequence token that
 * training appends, so greedy decoding stops, and {@code eval} sees outputs that stop.
 */
class StudentLearnsToStopTest {

  static final List<String[]> EXAMPLES =
      List.of(
          new String[] {"Tom has 17 apples. He buys 5 more.", "17+5=22.\n#### 22"},
          new String[] {"Ann has 9 pens. She doubles them.", "9*2=18.\n#### 18"},
          new String[] {"Sam has 30 cards. He loses 4.", "30-4=26.\n#### 26"},
          new String[] {"Mia has 12 eggs. She keeps 1/3 of them.", "12/3=4.\n#### 4"});

  @TempDir static Path dir;
  static Path trained;

  @BeforeAll
  static void train() throws Exception {
    Path student = ScratchStudent.create(dir.resolve("student"), ScratchStudent.Shape.DEFAULT, 5);
    List<String> lines = new ArrayList<>();
    for (String[] e : EXAMPLES) {
      lines.add(SharedFixtures.JSON.writeValueAsString(Map.of("prompt", e[0], "completion", e[1])));
    }
    Path data = dir.resolve("sft.jsonl");
    Files.write(data, lines);
    trained = dir.resolve("sft");
    TrainingRun.run(
        TrainingJob.of(
            student,
            null,
            data,
            trained,
            TrainingConfig.builder()
                .method(Method.SFT)
                .steps(120)
                .batchSize(4)
                .learningRate(1e-2)
                .promptFormat(PromptFormat.RAW)
                .seed(1)
                .build()),
        TrainingListener.NONE);
  }

  @Test
  void greedyOutputOfATrainedPromptEndsWithTheEosToken() {
    try (NDManager manager = NDManager.newBaseManager();
        ModelBundle bundle = ModelBundle.open(trained, manager)) {
      assertThat(bundle.stopTokens()).contains(CharTokenizerFiles.EOS_ID);
      GenerationConfig config =
          GenerationConfig.greedy(40)
              .withStopTokens(bundle.stopTokens())
              .withPadTokenId(bundle.tokenizer().padTokenId());
      int[] prompt = bundle.tokenizer().encode(EXAMPLES.get(0)[0]);
      int[] output = new Generator(bundle.model()).generate(prompt, config);
      assertThat(output).endsWith(CharTokenizerFiles.EOS_ID).hasSizeLessThan(40);
      assertThat(bundle.tokenizer().decode(output)).isEqualTo(EXAMPLES.get(0)[1] + "<eos>");
    }
  }

  @Test
  void evalOnADataFileReportsAccuracyAndOutputsThatHitTheTokenLimit() throws Exception {
    Path file = dir.resolve("problems.jsonl");
    List<String> lines = new ArrayList<>();
    for (String[] e : EXAMPLES) {
      lines.add(SharedFixtures.JSON.writeValueAsString(Map.of("question", e[0], "answer", e[1])));
    }
    lines.add(
        SharedFixtures.JSON.writeValueAsString(
            Map.of("question", "Zoe has 7 coins. She finds 3 more.", "answer", "#### 10")));
    Files.write(file, lines);
    Path outputs = dir.resolve("outputs.jsonl");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new EvalCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute(
            "--model",
            trained.toString(),
            "--data",
            file.toString(),
            "--prompt-format",
            "raw",
            "--batch-size",
            "3",
            "--max-new-tokens",
            "24",
            "--outputs",
            outputs.toString());
    assertThat(code).as(err.toString()).isZero();
    String report = out.toString();
    assertThat(report).startsWith("gsm8k accuracy ").contains("/5 = ");
    List<String> items = Files.readAllLines(outputs);
    assertThat(items).hasSize(5);
    int cut = 0;
    for (int i = 0; i < 4; i++) {
      JsonNode item = SharedFixtures.JSON.readTree(items.get(i));
      assertThat(item.path("output").asString()).isEqualTo(EXAMPLES.get(i)[1]);
      assertThat(item.path("correct").asBoolean()).isTrue();
      assertThat(item.path("hit_token_limit").asBoolean()).isFalse();
    }
    for (String line : items) {
      JsonNode item = SharedFixtures.JSON.readTree(line);
      if (item.path("hit_token_limit").asBoolean()) {
        cut++;
        assertThat(item.path("new_tokens").asInt()).isEqualTo(24);
      }
    }
    assertThat(report).endsWith("hit token limit " + cut + "/5\n");
  }
}
