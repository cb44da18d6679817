package dev.cogalign.trainer.experiment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * Experiments and their jobs ({@code trainer.experiment}, {@code trainer.experiment_job}) through
 * Spring Data JPA ({@link ExperimentRows}, {@link ExperimentJobRows}), as records.
 */
@Repository
class ExperimentRepository {

  /** An experiment row. */
  record Experiment(long id, String name, JsonNode request, Instant createdAt) {}

  /** One of an experiment's jobs. */
  record ExperimentJob(int replicate, Arm arm, String role, long jobId) {}

  static final String TRAIN = "TRAIN";
  static final String EVAL = "EVAL";

  private final ExperimentRows rows;
  private final ExperimentJobRows jobs;

  ExperimentRepository(ExperimentRows rows, ExperimentJobRows jobs) {
    this.rows = rows;
    this.jobs = jobs;
  }

  long insert(String name, JsonNode request, Instant now) {
    return rows.save(new ExperimentEntity(name, request, now)).id();
  }

  void addJob(long experimentId, ExperimentJob job) {
    jobs.save(new ExperimentJobEntity(experimentId, job));
  }

  Optional<Experiment> find(long id) {
    return rows.findById(id).map(ExperimentEntity::toExperiment);
  }

  /** Newest first: {@code limit} ids below {@code before} (all when null). */
  List<Long> ids(Long before, int limit) {
    ScrollPosition position =
        before == null ? ScrollPosition.keyset() : ScrollPosition.forward(Map.of("id", before));
    return rows.findByOrderByIdDesc(position, Limit.of(limit)).stream()
        .map(ExperimentEntity::id)
        .toList();
  }

  List<ExperimentJob> jobs(long experimentId) {
    return jobs.findByExperimentIdOrderByReplicateAscArmAscRoleAsc(experimentId).stream()
        .map(ExperimentJobEntity::toJob)
        .toList();
  }
}
