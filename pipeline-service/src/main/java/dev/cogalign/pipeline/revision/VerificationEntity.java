package dev.cogalign.pipeline.revision;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code crv.verification} (V1), read through JPA: append-only, so {@link Immutable}. Rows
 * are only inserted by {@link RevisionRepository#appendVerification}'s conflict-skipping insert,
 * which stays SQL, so the entity has no id generation of its own. {@code findings} is a jsonb array
 * of step findings, held as its JSON text.
 */
@Entity
@Immutable
@Table(name = "verification")
class VerificationEntity {
  @Id private Long id;
  private long revisionId;
  private boolean correct;
  private String extractedAnswer;

  @JdbcTypeCode(SqlTypes.JSON)
  private String findings;

  @Embedded private CallColumns call;

  private Long runId;
  private String step;
  private Integer attempt;

  @Column(columnDefinition = "timestamptz")
  private Instant createdAt;

  protected VerificationEntity() {}

  long revisionId() {
    return revisionId;
  }

  /** The step key it was stored under; null for a verification without one. */
  StepKey key() {
    return runId == null ? null : new StepKey(runId, step, attempt);
  }

  Verification toVerification(Json json) {
    return new Verification(
        id,
        revisionId,
        runId,
        correct,
        extractedAnswer,
        json.findings(findings),
        CallColumns.toCall(call),
        createdAt);
  }
}
