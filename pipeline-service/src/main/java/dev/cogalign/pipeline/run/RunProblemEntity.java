package dev.cogalign.pipeline.run;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.Immutable;

/**
 * A row of {@code crv.run_problem}: one problem's state in a run, keyed by (run, problem), read
 * through JPA. It is {@link Immutable} to Hibernate: the rows are created by one {@code insert …
 * select} per run and move state by {@link RunRepository#record}'s statement, never by dirty
 * checking; the V2 triggers count every change into the run's row.
 */
@Entity
@Immutable
@IdClass(RunProblemEntity.Key.class)
@Table(name = "run_problem")
class RunProblemEntity {
  @Id private long runId;
  @Id private long problemId;

  @Enumerated(EnumType.STRING)
  private ProblemState state;

  private Long resultRevisionId;
  private String reason;

  @Column(columnDefinition = "timestamptz")
  private Instant finishedAt;

  protected RunProblemEntity() {}

  /** The primary key: the run and the problem. */
  static class Key implements Serializable {
    private long runId;
    private long problemId;

    protected Key() {}

    Key(long runId, long problemId) {
      this.runId = runId;
      this.problemId = problemId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.runId == runId && k.problemId == problemId;
    }

    @Override
    public int hashCode() {
      return Objects.hash(runId, problemId);
    }
  }
}
