package dev.cogalign.trainer.job;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import org.hibernate.annotations.Immutable;
import org.springframework.data.domain.Persistable;

/**
 * A row of {@code trainer.evaluation_item}: one evaluated problem of an EVAL job, written once. It
 * is always new to Spring Data ({@link #isNew()}), so saving a job's items persists them in JDBC
 * batches ({@code hibernate.jdbc.batch_size}) instead of merging each, which would first select it.
 */
@Entity
@Immutable
@IdClass(EvaluationItemEntity.Key.class)
@Table(name = "evaluation_item")
class EvaluationItemEntity implements Persistable<EvaluationItemEntity.Key> {
  @Id private long jobId;
  @Id private int position;
  private String problemId;
  private String gold;
  private String extracted;
  private boolean correct;
  private int newTokens;
  private boolean hitLimit;
  private String output;

  protected EvaluationItemEntity() {}

  EvaluationItemEntity(long jobId, int position, EvaluationItem item) {
    this.jobId = jobId;
    this.position = position;
    this.problemId = item.problemId();
    this.gold = item.gold();
    this.extracted = item.extracted();
    this.correct = item.correct();
    this.newTokens = item.newTokens();
    this.hitLimit = item.hitLimit();
    this.output = item.output();
  }

  @Override
  public Key getId() {
    return new Key(jobId, position);
  }

  @Override
  public boolean isNew() {
    return true;
  }

  EvaluationItem toItem() {
    return new EvaluationItem(problemId, gold, extracted, correct, newTokens, hitLimit, output);
  }

  /** The primary key: the job and the problem's position in its evaluation. */
  static class Key implements Serializable {
    private long jobId;
    private int position;

    protected Key() {}

    Key(long jobId, int position) {
      this.jobId = jobId;
      this.position = position;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.jobId == jobId && k.position == position;
    }

    @Override
    public int hashCode() {
      return Objects.hash(jobId, position);
    }
  }
}
