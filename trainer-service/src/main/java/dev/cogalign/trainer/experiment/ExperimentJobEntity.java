package dev.cogalign.trainer.experiment;

import dev.cogalign.trainer.experiment.ExperimentRepository.ExperimentJob;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import org.hibernate.annotations.Immutable;
import org.springframework.data.domain.Persistable;

/**
 * A row of {@code trainer.experiment_job}: which job is which arm, replicate and role. Written
 * once, so always new to Spring Data: saved without a select first.
 */
@Entity
@Immutable
@IdClass(ExperimentJobEntity.Key.class)
@Table(name = "experiment_job")
class ExperimentJobEntity implements Persistable<ExperimentJobEntity.Key> {
  @Id private long experimentId;
  @Id private int replicate;

  @Id
  @Enumerated(EnumType.STRING)
  private Arm arm;

  @Id private String role;
  private long jobId;

  protected ExperimentJobEntity() {}

  ExperimentJobEntity(long experimentId, ExperimentJob job) {
    this.experimentId = experimentId;
    this.replicate = job.replicate();
    this.arm = job.arm();
    this.role = job.role();
    this.jobId = job.jobId();
  }

  @Override
  public Key getId() {
    return new Key(experimentId, replicate, arm, role);
  }

  @Override
  public boolean isNew() {
    return true;
  }

  ExperimentJob toJob() {
    return new ExperimentJob(replicate, arm, role, jobId);
  }

  /** The primary key. */
  static class Key implements Serializable {
    private long experimentId;
    private int replicate;
    private Arm arm;
    private String role;

    protected Key() {}

    Key(long experimentId, int replicate, Arm arm, String role) {
      this.experimentId = experimentId;
      this.replicate = replicate;
      this.arm = arm;
      this.role = role;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && k.experimentId == experimentId
          && k.replicate == replicate
          && k.arm == arm
          && Objects.equals(k.role, role);
    }

    @Override
    public int hashCode() {
      return Objects.hash(experimentId, replicate, arm, role);
    }
  }
}
