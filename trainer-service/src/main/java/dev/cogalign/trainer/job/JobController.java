package dev.cogalign.trainer.job;

import dev.cogalign.serviceweb.etag.VersionedView;
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
import org.springframework.web.context.request.WebRequest;

/** Training and evaluation jobs. */
@RestController
@Validated
@RequestMapping("/api/v1/jobs")
class JobController {
  private final JobService jobs;

  JobController(JobService jobs) {
    this.jobs = jobs;
  }

  @PostMapping
  ResponseEntity<Map<String, Long>> submit(@RequestBody CreateJobRequest request) {
    long id = jobs.submit(request);
    return ResponseEntity.created(URI.create("/api/v1/jobs/" + id)).body(Map.of("id", id));
  }

  @GetMapping
  JobPage list(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) @Min(1) @Max(JobService.MAX_PAGE_SIZE) Integer limit) {
    return jobs.page(status, type, cursor, limit);
  }

  /**
   * One statement; 304 without a body (nor a walk of its folder) while its version is unchanged.
   */
  @GetMapping("/{id}")
  ResponseEntity<JobView> get(@PathVariable long id, WebRequest request) {
    Job job = jobs.get(id);
    return VersionedView.respond(job.version(), request, () -> jobs.view(job));
  }

  @GetMapping("/{id}/metrics")
  Map<String, Object> metrics(
      @PathVariable long id,
      @RequestParam(required = false) String name,
      @RequestParam(required = false) @Min(0) Integer sinceStep,
      @RequestParam(required = false) @Min(1) @Max(JobService.DEFAULT_METRICS_LIMIT)
          Integer limit) {
    List<MetricPoint> items = jobs.metrics(id, name, sinceStep, limit);
    return Map.of("jobId", id, "items", items);
  }

  @GetMapping("/{id}/events")
  Map<String, Object> events(@PathVariable long id) {
    return Map.of("jobId", id, "items", jobs.events(id));
  }

  /** An EVAL job's per-problem outcomes (empty until it has finished). */
  @GetMapping("/{id}/outputs")
  Map<String, Object> outputs(@PathVariable long id) {
    return Map.of("jobId", id, "items", jobs.items(id));
  }

  @PostMapping("/{id}/cancel")
  JobView cancel(@PathVariable long id) {
    return jobs.cancel(id);
  }
}
