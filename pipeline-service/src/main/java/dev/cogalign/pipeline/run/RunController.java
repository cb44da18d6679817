package dev.cogalign.pipeline.run;

import dev.cogalign.serviceweb.etag.VersionedView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** CRV runs: start one over a dataset, follow it, cancel it. */
@RestController
@RequestMapping("/api/v1/runs")
class RunController {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final int DEFAULT_LIST_LIMIT = 20;
  static final int MAX_LIST_LIMIT = 100;

  private final RunService runs;

  RunController(RunService runs) {
    this.runs = runs;
  }

  @PostMapping
  ResponseEntity<RunCreated> create(@Valid @RequestBody RunRequest request) {
    long id = runs.create(request);
    return ResponseEntity.created(URI.create("/api/v1/runs/" + id)).body(new RunCreated(id));
  }

  @GetMapping
  List<RunView> list(
      @RequestParam(required = false) Long datasetId,
      @RequestParam(defaultValue = "" + DEFAULT_LIST_LIMIT) @Min(1) @Max(MAX_LIST_LIMIT)
          int limit) {
    return runs.list(datasetId, limit);
  }

  /** One statement; 304 without a body while the run's version is the client's ETag. */
  @GetMapping("/{id}")
  ResponseEntity<RunView> get(@PathVariable long id, WebRequest request) {
    Run run = runs.run(id);
    return VersionedView.respond(run.version(), request, () -> runs.view(run));
  }

  @GetMapping("/{id}/problems")
  RunProblemPage problems(
      @PathVariable long id,
      @RequestParam(required = false) ProblemState state,
      @RequestParam(defaultValue = "" + DEFAULT_LIMIT) @Min(1) @Max(MAX_LIMIT) int limit,
      @RequestParam(required = false) String cursor) {
    return runs.problems(id, state, cursor, limit);
  }

  @PostMapping("/{id}/cancel")
  RunView cancel(@PathVariable long id) {
    return runs.cancel(id);
  }
}
