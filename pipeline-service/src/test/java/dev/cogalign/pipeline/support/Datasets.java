package dev.cogalign.pipeline.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.Http.Response;
import dev.cogalign.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Datasets made through the API as a client would: created, then filled with JSON lines in uploads
 * of at most {@link PipelineIT#MAX_ROWS} rows.
 */
public final class Datasets {

  private Datasets() {}

  /** GSM8K train rows {@code from} (inclusive) to {@code to} (exclusive), as JSON lines. */
  public static List<String> gsm8kTrain(int from, int to) throws IOException {
    try (Stream<String> lines = Files.lines(SharedData.path("data/gsm8k/train.jsonl"))) {
      return lines.skip(from).limit(to - from).toList();
    }
  }

  /** A new dataset holding GSM8K train rows {@code from} to {@code to}; its id. */
  public static long ofGsm8kTrain(Http http, String name, int from, int to) throws IOException {
    return of(http, name, gsm8kTrain(from, to));
  }

  /** A new dataset holding {@code rows}, every one of them created (asserted); its id. */
  public static long of(Http http, String name, List<String> rows) {
    long dataset =
        http.postJson("/api/v1/datasets", Map.of("name", name)).json().get("id").asLong();
    for (int from = 0; from < rows.size(); from += PipelineIT.MAX_ROWS) {
      List<String> part = rows.subList(from, Math.min(rows.size(), from + PipelineIT.MAX_ROWS));
      Response upload =
          http.post(
              "/api/v1/datasets/" + dataset + "/problems",
              "application/x-ndjson",
              String.join("\n", part));
      assertThat(upload.status()).as(upload.body()).isEqualTo(200);
      assertThat(upload.json().get("created").asInt()).isEqualTo(part.size());
    }
    return dataset;
  }
}
