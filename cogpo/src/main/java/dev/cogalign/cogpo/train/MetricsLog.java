package dev.cogalign.cogpo.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Appends one JSON object per step to {@code metrics.jsonl}; each line is flushed. */
final class MetricsLog implements AutoCloseable {

  static final String FILE_NAME = "metrics.jsonl";

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final BufferedWriter writer;

  /**
   * Opens the log of {@code dir} for appending, first dropping lines after {@code step} (a run
   * resumed from the checkpoint of that step rewrites them).
   */
  static MetricsLog resume(Path dir, int step) {
    Path file = dir.resolve(FILE_NAME);
    try {
      if (Files.exists(file)) {
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isBlank() && JSON.readTree(line).path("step").asInt() <= step) {
            kept.add(line);
          }
        }
        Files.write(file, kept, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return new MetricsLog(dir);
  }

  private MetricsLog(Path dir) {
    try {
      Files.createDirectories(dir);
      writer =
          Files.newBufferedWriter(
              dir.resolve(FILE_NAME),
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + dir.resolve(FILE_NAME), e);
    }
  }

  void write(StepMetrics metrics) {
    try {
      writer.write(JSON.writeValueAsString(metrics.toJson()));
      writer.newLine();
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write metrics", e);
    }
  }

  @Override
  public void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close metrics", e);
    }
  }
}
