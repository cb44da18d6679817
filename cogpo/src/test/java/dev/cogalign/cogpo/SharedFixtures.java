package dev.cogalign.cogpo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Locates ../shared (the system property cogalign.shared, or the sibling of an enclosing dir). */
public final class SharedFixtures {

  public static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path SHARED = locate();

  private SharedFixtures() {}

  private static Path locate() {
    String property = System.getProperty("cogalign.shared");
    if (property != null) {
      return Paths.get(property).toAbsolutePath();
    }
    for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path sibling = d.resolveSibling("shared");
      if (Files.isDirectory(sibling.resolve("fixtures"))) {
        return sibling;
      }
      if (Files.isDirectory(d.resolve("shared").resolve("fixtures"))) {
        return d.resolve("shared");
      }
    }
    throw new IllegalStateException(
        "no ../shared with fixtures above " + Paths.get("").toAbsolutePath());
  }

  public static Path shared() {
    return SHARED;
  }

  public static Path hfTiny(String name) {
    return SHARED.resolve("fixtures/hf-tiny").resolve(name);
  }

  public static JsonNode json(Path file) {
    return JSON.readTree(file.toFile());
  }

  /** A JSON array of ints as long[]. */
  public static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }

  public static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }
}
