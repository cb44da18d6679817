package dev.cogalign.trainer.job;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code trainer.job_metric}: one step's metrics. Written by {@link JobMetricRows}'s
 * upsert (a resumed attempt writes a step again), never through dirty checking.
 */
@Entity
@Immutable
@IdClass(JobMetricEntity.Key.class)
@Table(name = "job_metric")
class JobMetricEntity {
  @Id private long jobId;
  @Id private int step;

  @JdbcTypeCode(SqlTypes.JSON)
  private String metrics;

  protected JobMetricEntity() {}

  /** The primary key: the job and the step. */
  static class Key implements Serializable {
    private long jobId;
    private int step;

    protected Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.jobId == jobId && k.step == step;
    }

    @Override
    public int hashCode() {
      return Objects.hash(jobId, step);
    }
  }
}
