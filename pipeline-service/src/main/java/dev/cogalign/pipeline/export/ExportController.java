package dev.cogalign.pipeline.export;

import dev.cogalign.pipeline.run.RunService;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/** A run's preference pairs and SFT examples, streamed as JSONL. */
@RestController
class ExportController {
  private final RunService runs;
  private final ExportRepository exports;
  private final JsonMapper mapper;

  ExportController(RunService runs, ExportRepository exports, JsonMapper mapper) {
    this.runs = runs;
    this.exports = exports;
    this.mapper = mapper;
  }

  @GetMapping("/api/v1/runs/{id}/pairs")
  ResponseEntity<StreamingResponseBody> pairs(@PathVariable long id) {
    return stream(id, exports::pairs);
  }

  @GetMapping("/api/v1/runs/{id}/sft")
  ResponseEntity<StreamingResponseBody> sft(@PathVariable long id) {
    return stream(id, exports::sft);
  }

  private <T> ResponseEntity<StreamingResponseBody> stream(
      long id, BiConsumer<Long, Consumer<T>> source) {
    runs.check(id);
    StreamingResponseBody body =
        out -> {
          BufferedWriter writer =
              new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
          source.accept(
              id,
              record -> {
                try {
                  writer.write(mapper.writeValueAsString(record));
                  writer.write('\n');
                } catch (java.io.IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
          writer.flush();
        };
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_NDJSON).body(body);
  }
}
