package dev.cogalign.crv.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared data folder ({@code ../shared/data} of the repository root, found by test-support's
 * {@link dev.cogalign.testsupport.SharedData}) and readers of its JSON files.
 */
public final class SharedData {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SharedData() {}

  public static Path root() {
    return dev.cogalign.testsupport.SharedData.path("data");
  }

  /** Rows of a JSONL file under the data folder, at most {@code limit}. */
  public static List<Map<String, Object>> jsonl(String relative, int limit) {
    try (var lines = Files.lines(root().resolve(relative))) {
      return lines
          .filter(l -> !l.isBlank())
          .limit(limit)
          .map(l -> JSON.readValue(l, new TypeReference<Map<String, Object>>() {}))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON array of objects under the data folder. */
  public static List<Map<String, Object>> jsonArray(String relative) {
    return JSON.readValue(
        root().resolve(relative).toFile(), new TypeReference<List<Map<String, Object>>>() {});
  }
}
