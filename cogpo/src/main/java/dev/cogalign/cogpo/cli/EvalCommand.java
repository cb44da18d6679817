package dev.cogalign.cogpo.cli;

import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.CogpoException;
import dev.cogalign.cogpo.checkpoint.ModelBundle;
import dev.cogalign.cogpo.train.data.PromptFormat;
import dev.cogalign.cogpo.train.data.TokenizerTextEncoder;
import dev.cogalign.cogpo.train.eval.Benchmark;
import dev.cogalign.cogpo.train.eval.Evaluation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code eval}: accuracy on GSM8K or MATH-500 with greedy decoding, prompts in the training prompt
 * format, answers checked by crv-core. Prints {@code accuracy C/N = A} and how many outputs hit the
 * token limit (no stop token within {@code --max-new-tokens}); {@code --outputs} writes one JSON
 * line per problem.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Greedy-decoding accuracy on gsm8k or math500.")
public final class EvalCommand implements Callable<Integer> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "Hugging Face folder")
  Path model;

  @Option(
      names = "--bench",
      defaultValue = "gsm8k",
      description = "gsm8k|math500, the format of --data too (default: ${DEFAULT-VALUE})")
  String bench;

  @Option(names = "--limit", defaultValue = "0", description = "first N problems (0 = all)")
  int limit;

  @Option(
      names = "--data",
      description =
          "benchmark file, e.g. a GSM8K-form JSONL of {question, answer ending '#### n'}"
              + " (default: the benchmark's file under ../shared/data, found upwards)")
  Path data;

  @Option(
      names = "--max-new-tokens",
      defaultValue = "" + Evaluation.DEFAULT_MAX_NEW_TOKENS,
      description = "budget per answer (default: ${DEFAULT-VALUE})")
  int maxNewTokens;

  @Option(
      names = "--batch-size",
      defaultValue = "" + Evaluation.DEFAULT_BATCH_SIZE,
      description = "prompts decoded together (default: ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--prompt-format", defaultValue = "auto", description = "auto|chat|raw")
  String promptFormat;

  @Option(names = "--instruction", description = "text appended to every question")
  String instruction;

  @Option(
      names = {"--outputs", "--output"},
      description = "JSONL of every problem's output and verdict")
  Path output;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      Benchmark benchmark = Benchmark.parse(bench);
      Path file = data != null ? data : benchmark.file(sharedData());
      List<Benchmark.Problem> problems = benchmark.load(file, limit);
      Evaluation.Result result;
      try (NDManager manager = NDManager.newBaseManager();
          ModelBundle bundle = ModelBundle.open(model, manager);
          TokenizerTextEncoder encoder =
              new TokenizerTextEncoder(model, PromptFormat.parse(promptFormat))) {
        result =
            Evaluation.run(
                bundle,
                encoder,
                problems,
                instruction,
                maxNewTokens,
                batchSize,
                item -> err.printf("%s %s%n", item.id(), item.correct() ? "correct" : "wrong"));
      }
      if (output != null) {
        writeItems(result);
      }
      spec.commandLine()
          .getOut()
          .printf(
              Locale.ROOT,
              "%s accuracy %d/%d = %.4f%nhit token limit %d/%d%n",
              benchmark.name().toLowerCase(Locale.ROOT),
              result.correct(),
              result.items().size(),
              result.accuracy(),
              result.hitTokenLimit(),
              result.items().size());
      spec.commandLine().getOut().flush();
      return 0;
    } catch (CogpoException | UncheckedIOException | IOException e) {
      err.println("eval: " + e.getMessage());
      return 1;
    }
  }

  private void writeItems(Evaluation.Result result) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      for (Evaluation.Item item : result.items()) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", item.id());
        line.put("gold", item.gold());
        line.put("extracted", item.extracted());
        line.put("correct", item.correct());
        line.put("new_tokens", item.newTokens());
        line.put("hit_token_limit", item.hitTokenLimit());
        line.put("output", item.output());
        w.write(JSON.writeValueAsString(line));
        w.newLine();
      }
    }
  }

  /** {@code shared/data} beside the nearest enclosing folder that has one (or the property). */
  static Path sharedData() {
    String property = System.getProperty("cogalign.shared");
    if (property != null) {
      return Path.of(property, "data");
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      for (Path candidate :
          new Path[] {d.resolve("shared/data"), d.resolveSibling("shared/data")}) {
        if (Files.isDirectory(candidate)) {
          return candidate;
        }
      }
    }
    throw new CogpoException("no shared/data folder found above the working directory; use --data");
  }
}
