package dev.cogalign.cogpo.train.eval;

import dev.cogalign.cogpo.train.InvalidTrainingConfigException;
import dev.cogalign.cogpo.train.TrainException;
import dev.cogalign.crv.answer.AnswerExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The evaluation sets and where their files live under the shared data folder. */
public enum Benchmark {
  /** GSM8K test: JSONL {@code {"question","answer"}}, the gold answer after {@code ####}. */
  GSM8K("gsm8k/test.jsonl"),
  /** MATH-500: a JSON array of {@code {"problem","answer",…}}. */
  MATH500("math500/math500_test.json");

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final String relativePath;

  Benchmark(String relativePath) {
    this.relativePath = relativePath;
  }

  /** One problem and its gold answer. */
  public record Problem(String id, String question, String answer) {}

  public static Benchmark parse(String value) {
    for (Benchmark b : values()) {
      if (b.name().equalsIgnoreCase(value)) {
        return b;
      }
    }
    throw new InvalidTrainingConfigException(
        "benchmark '" + value + "' is not one of gsm8k|math500");
  }

  /** The benchmark's file under a data folder such as {@code ../shared/data}. */
  public Path file(Path dataDir) {
    return dataDir.resolve(relativePath);
  }

  /** The first {@code limit} problems (all when limit ≤ 0) of the file. */
  public List<Problem> load(Path file, int limit) {
    if (!Files.isRegularFile(file)) {
      throw new TrainException(name().toLowerCase() + " data not found: " + file);
    }
    List<Problem> out = new ArrayList<>();
    try {
      if (this == GSM8K) {
        int i = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode row = JSON.readTree(line);
          String gold =
              AnswerExtractor.extract(row.path("answer").asString())
                  .orElseThrow(() -> new TrainException("no #### answer in " + file + " row"));
          out.add(new Problem("gsm8k-test-" + i++, row.path("question").asString(), gold));
          if (limit > 0 && out.size() == limit) {
            break;
          }
        }
      } else {
        JsonNode rows = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        for (JsonNode row : rows) {
          out.add(
              new Problem(
                  row.path("unique_id").asString(),
                  row.path("problem").asString(),
                  row.path("answer").asString()));
          if (limit > 0 && out.size() == limit) {
            break;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }
}
