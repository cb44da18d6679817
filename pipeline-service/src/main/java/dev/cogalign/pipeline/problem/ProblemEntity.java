package dev.cogalign.pipeline.problem;

import dev.cogalign.crv.problem.ProblemInput;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * A row of {@code crv.problem} (V1): inserted by an upload, never updated. Its id comes from the
 * sequence {@code crv.problem_id_seq}, {@value #ID_BLOCK} at a time (V4, the column's default), so
 * that an upload's rows go to PostgreSQL in JDBC batches; with an identity Hibernate would insert
 * them one by one.
 */
@Entity
@Immutable
@Table(name = "problem")
class ProblemEntity {
  /** Ids allocated per call of the sequence: its increment (V4), one JDBC batch. */
  static final int ID_BLOCK = 500;

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "problem_id")
  @SequenceGenerator(
      name = "problem_id",
      sequenceName = "crv.problem_id_seq",
      allocationSize = ID_BLOCK)
  private Long id;

  private long datasetId;
  private String externalId;
  private String question;
  private String goldAnswer;
  private String domain;

  @Column(columnDefinition = "timestamptz")
  private Instant createdAt;

  protected ProblemEntity() {}

  ProblemEntity(long datasetId, String externalId, ProblemInput input, Instant createdAt) {
    this.datasetId = datasetId;
    this.externalId = externalId;
    this.question = input.question();
    this.goldAnswer = input.goldAnswer();
    this.domain = input.domain();
    this.createdAt = createdAt;
  }

  Long id() {
    return id;
  }

  String externalId() {
    return externalId;
  }

  Problem toProblem() {
    return new Problem(id, datasetId, externalId, question, goldAnswer, domain, createdAt);
  }
}
