package dev.cogalign.trainer.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** A row of {@code trainer.job_event}: the status log, appended to and never changed. */
@Entity
@Immutable
@Table(name = "job_event")
class JobEventEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private long jobId;

  @Enumerated(EnumType.STRING)
  private JobStatus status;

  private String message;
  private String worker;

  @Column(columnDefinition = "timestamptz")
  private Instant at;

  protected JobEventEntity() {}

  JobEventEntity(long jobId, JobStatus status, String message, String worker, Instant at) {
    this.jobId = jobId;
    this.status = status;
    this.message = message;
    this.worker = worker;
    this.at = at;
  }

  JobEvent toEvent() {
    return new JobEvent(id, status, message, worker, at);
  }
}
