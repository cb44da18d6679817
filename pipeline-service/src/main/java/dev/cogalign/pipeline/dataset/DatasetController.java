package dev.cogalign.pipeline.dataset;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Datasets: create, list, get. Problems are added through {@code ProblemUploadController}. */
@RestController
@RequestMapping("/api/v1/datasets")
class DatasetController {
  private final DatasetRepository datasets;

  DatasetController(DatasetRepository datasets) {
    this.datasets = datasets;
  }

  @PostMapping
  ResponseEntity<Dataset> create(@Valid @RequestBody CreateDatasetRequest request) {
    Dataset dataset = datasets.create(request.name().strip());
    return ResponseEntity.created(URI.create("/api/v1/datasets/" + dataset.id())).body(dataset);
  }

  @GetMapping
  List<Dataset> list() {
    return datasets.findAll();
  }

  @GetMapping("/{id}")
  Dataset get(@PathVariable long id) {
    return datasets.get(id);
  }
}
