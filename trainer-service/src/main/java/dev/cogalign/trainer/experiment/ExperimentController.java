package dev.cogalign.trainer.experiment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The CRV comparison as jobs of the queue: create one, follow it, read its report. */
@RestController
@Validated
@RequestMapping("/api/v1/experiments")
class ExperimentController {
  private final ExperimentService experiments;

  ExperimentController(ExperimentService experiments) {
    this.experiments = experiments;
  }

  @PostMapping
  ResponseEntity<Map<String, Long>> create(@RequestBody CreateExperimentRequest request) {
    long id = experiments.create(request);
    return ResponseEntity.created(URI.create("/api/v1/experiments/" + id)).body(Map.of("id", id));
  }

  @GetMapping("/{id}")
  ExperimentView get(@PathVariable long id) {
    return experiments.view(id);
  }

  @GetMapping
  Map<String, List<ExperimentView>> list(
      @RequestParam(required = false) Long cursor,
      @RequestParam(required = false) @Min(1) @Max(100) Integer limit) {
    return Map.of("items", experiments.page(cursor, limit));
  }
}
