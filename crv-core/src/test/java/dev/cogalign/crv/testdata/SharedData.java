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
 * The shared data folder ({@code ../shared/data} of the repository root): the system property
 * {@code cogalign.shared} if set, else the first {@code shared/data} found walking up from the
 * working directory.
 */
public final class SharedData {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SharedData() {}

  public static Path root() {
    String configured = System.getProperty("cogalign.shared");
    if (configured != null) {
      return Path.of(configured).resolve("data");
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no shared/data above " + Path.of("").toAbsolutePath() + "; set -Dcogalign.shared");
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
