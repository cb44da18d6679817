package dev.cogalign.pipeline.export;

import dev.cogalign.pipeline.dataset.DatasetRepository;
import dev.cogalign.pipeline.run.RunService;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run's preference pairs and SFT examples, and a dataset's teacher CoTs, streamed as JSONL;
 * {@code annotations=strip} removes the calculator annotations from every CoT.
 */
@RestController
class ExportController {
  private final RunService runs;
  private final DatasetRepository datasets;
  private final ExportRepository exports;
  private final JsonMapper mapper;

  ExportController(
      RunService runs, DatasetRepository datasets, ExportRepository exports, JsonMapper mapper) {
    this.runs = runs;
    this.datasets = datasets;
    this.exports = exports;
    this.mapper = mapper;
  }

  @GetMapping("/api/v1/runs/{id}/pairs")
  ResponseEntity<StreamingResponseBody> pairs(
      @PathVariable long id,
      @RequestParam(name = Annotations.PARAMETER, defaultValue = Annotations.DEFAULT)
          String annotations) {
    Annotations mode = Annotations.of(annotations);
    runs.check(id);
    return stream(sink -> exports.pairs(id, mode, sink));
  }

  @GetMapping("/api/v1/runs/{id}/sft")
  ResponseEntity<StreamingResponseBody> sft(
      @PathVariable long id,
      @RequestParam(name = Annotations.PARAMETER, defaultValue = Annotations.DEFAULT)
          String annotations) {
    Annotations mode = Annotations.of(annotations);
    runs.check(id);
    return stream(sink -> exports.sft(id, mode, sink));
  }

  /** A dataset's teacher CoTs and gold answers, for SFT on them and for evaluation. */
  @GetMapping("/api/v1/datasets/{id}/sft")
  ResponseEntity<StreamingResponseBody> datasetSft(
      @PathVariable long id,
      @RequestParam(name = Annotations.PARAMETER, defaultValue = Annotations.DEFAULT)
          String annotations) {
    Annotations mode = Annotations.of(annotations);
    datasets.get(id);
    return stream(sink -> exports.datasetSft(id, mode, sink));
  }

  private ResponseEntity<StreamingResponseBody> stream(Consumer<Consumer<Object>> source) {
    StreamingResponseBody body =
        out -> {
          BufferedWriter writer =
              new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
          source.accept(
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
