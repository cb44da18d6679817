package dev.cogalign.cogpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.model.DecoderModel;
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

  /** Largest absolute difference between the model's logits and golden ones for the same ids. */
  public static double maxLogitDiff(
      DecoderModel model, JsonNode inputIds, JsonNode goldenLogits, NDManager manager) {
    try (NDManager scope = manager.newSubManager()) {
      long[][] ids = new long[inputIds.size()][];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = SharedFixtures.longs(inputIds.get(i));
      }
      NDArray logits = model.forward(scope.create(ids), null); // (B, T, V)
      float[] actual = logits.toFloatArray();
      int v = model.config().vocabSize();
      int t = ids[0].length;
      double max = 0;
      for (int b = 0; b < ids.length; b++) {
        for (int i = 0; i < t; i++) {
          JsonNode row = goldenLogits.get(b).get(i);
          for (int k = 0; k < v; k++) {
            max = Math.max(max, Math.abs(actual[(b * t + i) * v + k] - row.get(k).asDouble()));
          }
        }
      }
      return max;
    }
  }
}
