package dev.cogalign.trainer.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Models: registered or uploaded folders and trained outputs, their lineage, scores and CoT
 * scoring.
 */
@RestController
@Validated
@RequestMapping("/api/v1/models")
class ModelController {
  private final ModelService models;
  private final StepScorer scorer;
  private final ModelUploads uploads;

  ModelController(ModelService models, StepScorer scorer, ModelUploads uploads) {
    this.models = models;
    this.scorer = scorer;
    this.uploads = uploads;
  }

  @GetMapping
  ModelPage list(
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) @Min(1) @Max(ModelService.MAX_PAGE_SIZE) Integer limit) {
    return models.page(cursor, limit);
  }

  @GetMapping("/{id}")
  ModelView get(@PathVariable long id) {
    return models.view(id);
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  ModelView register(@Valid @RequestBody RegisterModelRequest request) {
    return models.register(request);
  }

  /** A model uploaded as an archive ({@code file}) of its Hugging Face folder. */
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  ModelView upload(
      @RequestParam(required = false) String name, @RequestPart("file") MultipartFile file) {
    return uploads.upload(name, file);
  }

  @PostMapping("/{id}/score")
  ScoreResponse score(@PathVariable long id, @Valid @RequestBody ScoreRequest request) {
    return scorer.score(id, request);
  }
}
