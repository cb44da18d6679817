package dev.cogalign.cogpo.train.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads training JSONL: SFT lines {@code {"prompt","completion"}}, preference lines {@code
 * {"prompt","chosen","rejected","beta","mini_task"}} (the pipeline's export format), or either with
 * {@code prompt_ids}, {@code completion_ids}, {@code chosen_ids}, {@code rejected_ids} instead of
 * text, which are used exactly as given. Blank lines are skipped; any other bad line fails naming
 * its number and field.
 */
public final class TrainingData {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private TrainingData() {}

  /** SFT examples. {@code encoder} may be null when every line carries ids. */
  public static List<TokenizedExample> readExamples(Path file, TextEncoder encoder) {
    List<TokenizedExample> out = new ArrayList<>();
    forEachLine(
        file,
        (line, node) -> {
          int[] prompt = ids(file, line, node, "prompt", encoder, true);
          int[] completion = ids(file, line, node, "completion", encoder, false);
          if (completion.length == 0) {
            throw new DataFormatException(file, line, "the completion is empty");
          }
          out.add(new TokenizedExample(prompt, completion));
        });
    return out;
  }

  /**
   * Preference pairs.
   *
   * @param defaultBeta the beta of pairs without one
   * @param perPairBeta true for CogPO (a line's {@code beta} wins), false for DPO (every pair gets
   *     {@code defaultBeta})
   */
  public static List<TokenizedPair> readPairs(
      Path file, TextEncoder encoder, double defaultBeta, boolean perPairBeta) {
    List<TokenizedPair> out = new ArrayList<>();
    forEachLine(
        file,
        (line, node) -> {
          int[] prompt = ids(file, line, node, "prompt", encoder, true);
          int[] chosen = ids(file, line, node, "chosen", encoder, false);
          int[] rejected = ids(file, line, node, "rejected", encoder, false);
          if (chosen.length == 0 || rejected.length == 0) {
            throw new DataFormatException(file, line, "chosen and rejected must not be empty");
          }
          double beta = defaultBeta;
          JsonNode b = node.get("beta");
          if (perPairBeta && b != null && !b.isNull()) {
            if (!b.isNumber() || !(b.doubleValue() > 0) || Double.isInfinite(b.doubleValue())) {
              throw new DataFormatException(file, line, "beta " + b + " must be a number > 0");
            }
            beta = b.doubleValue();
          }
          JsonNode task = node.get("mini_task");
          String miniTask = task == null || task.isNull() ? null : task.asString();
          out.add(new TokenizedPair(prompt, chosen, rejected, beta, miniTask));
        });
    return out;
  }

  private interface LineHandler {
    void accept(int line, JsonNode node);
  }

  private static void forEachLine(Path file, LineHandler handler) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int line = 0;
      while ((text = reader.readLine()) != null) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(text);
        } catch (JacksonException e) {
          throw new DataFormatException(file, line, "not JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
          throw new DataFormatException(file, line, "not a JSON object");
        }
        handler.accept(line, node);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The ids of {@code field}: from {@code <field>_ids} as given, else the encoded text. */
  private static int[] ids(
      Path file, int line, JsonNode node, String field, TextEncoder encoder, boolean prompt) {
    JsonNode ids = node.get(field + "_ids");
    if (ids != null && !ids.isNull()) {
      if (!ids.isArray()) {
        throw new DataFormatException(file, line, field + "_ids must be an array of token ids");
      }
      int[] out = new int[ids.size()];
      for (int i = 0; i < out.length; i++) {
        JsonNode id = ids.get(i);
        if (!id.isIntegralNumber() || id.intValue() < 0) {
          throw new DataFormatException(
              file, line, field + "_ids[" + i + "] = " + id + " is not a token id");
        }
        out[i] = id.intValue();
      }
      return out;
    }
    JsonNode text = node.get(field);
    if (text == null || !text.isString()) {
      throw new DataFormatException(
          file, line, "missing '" + field + "' (text) or '" + field + "_ids' (token ids)");
    }
    if (encoder == null) {
      throw new DataFormatException(
          file, line, "'" + field + "' is text but no tokenizer was given");
    }
    return prompt ? encoder.prompt(text.asString()) : encoder.completion(text.asString());
  }
}
