package dev.cogalign.cogpo.train;

import dev.cogalign.cogpo.SharedFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The golden pairs of an hf-tiny fixture written as id-form training JSONL. */
final class GoldenData {

  private GoldenData() {}

  static JsonNode golden(String name) {
    return SharedFixtures.json(SharedFixtures.hfTiny("golden-" + name + ".json"));
  }

  /** {@code {"prompt_ids","chosen_ids","rejected_ids","beta","mini_task"}} lines. */
  static Path writePairs(String name, Path file, String... miniTasks) {
    List<String> lines = new ArrayList<>();
    int i = 0;
    for (JsonNode p : golden(name).path("pairs")) {
      ObjectNode line = SharedFixtures.JSON.createObjectNode();
      line.set("prompt_ids", p.path("prompt"));
      line.set("chosen_ids", p.path("chosen"));
      line.set("rejected_ids", p.path("rejected"));
      line.put("beta", p.path("beta").asDouble());
      if (miniTasks.length > 0) {
        line.put("mini_task", miniTasks[i++ % miniTasks.length]);
      }
      lines.add(SharedFixtures.JSON.writeValueAsString(line));
    }
    try {
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
