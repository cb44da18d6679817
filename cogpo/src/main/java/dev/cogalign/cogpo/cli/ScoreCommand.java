package dev.cogalign.cogpo.cli;

import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.CogpoException;
import dev.cogalign.cogpo.checkpoint.ModelBundle;
import dev.cogalign.cogpo.score.CompletionScorer;
import dev.cogalign.cogpo.score.PromptCompletion;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code score}: the log-probability of each completion given its prompt.
 *
 * <p>Input lines are {@code {"prompt","completion"}} (text, tokenized as two parts with no special
 * tokens: see {@link PromptCompletion}) or {@code {"prompt_ids","completion_ids"}} (used exactly).
 * Each output line repeats the input's fields and adds {@code logp} (the sum over the completion's
 * tokens) and {@code tokens} (how many completion tokens were scored).
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = "Sum of completion-token log-probs given the prompt, for each JSONL line.")
public final class ScoreCommand implements Callable<Integer> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      description = "Hugging Face folder, or llama2.c .bin with tok512.bin beside it")
  Path model;

  @Option(names = "--input", required = true, description = "JSONL input")
  Path input;

  @Option(names = "--output", required = true, description = "JSONL output")
  Path output;

  @Option(
      names = "--batch-size",
      defaultValue = "" + CompletionScorer.DEFAULT_BATCH_SIZE,
      description = "Sequences per forward pass (default: ${DEFAULT-VALUE})")
  int batchSize;

  @Override
  public Integer call() {
    try (NDManager manager = NDManager.newBaseManager();
        ModelBundle bundle = ModelBundle.open(model, manager)) {
      List<ObjectNode> lines = readLines();
      List<PromptCompletion> rows = new ArrayList<>(lines.size());
      for (int i = 0; i < lines.size(); i++) {
        rows.add(toRow(lines.get(i), i + 1, bundle));
      }
      double[] logps =
          new CompletionScorer(bundle.model(), bundle.tokenizer().padTokenId(), batchSize)
              .score(rows);
      try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
        for (int i = 0; i < lines.size(); i++) {
          ObjectNode line = lines.get(i);
          line.put("logp", logps[i]);
          line.put("tokens", rows.get(i).completion().length);
          out.write(JSON.writeValueAsString(line));
          out.newLine();
        }
      }
      spec.commandLine().getErr().printf("scored %d lines into %s%n", lines.size(), output);
      return 0;
    } catch (CogpoException | IOException | UncheckedIOException e) {
      spec.commandLine().getErr().println("score: " + e.getMessage());
      return 1;
    }
  }

  private List<ObjectNode> readLines() throws IOException {
    if (!Files.isRegularFile(input)) {
      throw new CogpoException("input file not found: " + input);
    }
    List<ObjectNode> lines = new ArrayList<>();
    int number = 0;
    for (String text : Files.readAllLines(input, StandardCharsets.UTF_8)) {
      number++;
      if (text.isBlank()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(text);
        if (!node.isObject()) {
          throw new CogpoException("line " + number + " of " + input + " is not a JSON object");
        }
        lines.add((ObjectNode) node);
      } catch (JacksonException e) {
        throw new CogpoException(
            "line " + number + " of " + input + " is not JSON: " + e.getOriginalMessage());
      }
    }
    return lines;
  }

  private static PromptCompletion toRow(ObjectNode line, int number, ModelBundle bundle) {
    if (line.has("prompt_ids") && line.has("completion_ids")) {
      return new PromptCompletion(
          ids(line.get("prompt_ids"), number), ids(line.get("completion_ids"), number));
    }
    if (line.path("prompt").isString() && line.path("completion").isString()) {
      return PromptCompletion.fromText(
          bundle.tokenizer(),
          line.get("prompt").asString(),
          line.get("completion").asString(),
          bundle.prependsBos());
    }
    throw new CogpoException(
        "line "
            + number
            + " needs \"prompt\" and \"completion\" (text) or \"prompt_ids\" and \"completion_ids\"");
  }

  private static int[] ids(JsonNode array, int number) {
    if (!array.isArray()) {
      throw new CogpoException("line " + number + ": token ids must be an array of integers");
    }
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      if (!array.get(i).isIntegralNumber()) {
        throw new CogpoException("line " + number + ": token ids must be an array of integers");
      }
      out[i] = array.get(i).asInt();
    }
    return out;
  }
}
