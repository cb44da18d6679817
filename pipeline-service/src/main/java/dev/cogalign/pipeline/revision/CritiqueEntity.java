package dev.cogalign.pipeline.revision;

import dev.cogalign.crv.agent.Verdict;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code crv.critique} (V1), read through JPA: append-only, so {@link Immutable}. Rows are
 * only inserted by {@link RevisionRepository#appendCritique}'s conflict-skipping insert, which
 * stays SQL, so the entity has no id generation of its own. {@code reasons} is a jsonb array of
 * step findings, held as its JSON text.
 */
@Entity
@Immutable
@Table(name = "critique")
class CritiqueEntity {
  @Id private Long id;
  private long revisionId;

  @Enumerated(EnumType.STRING)
  private Verdict verdict;

  @JdbcTypeCode(SqlTypes.JSON)
  private String reasons;

  @Embedded private CallColumns call;

  private Long runId;
  private String step;
  private Integer attempt;

  @Column(columnDefinition = "timestamptz")
  private Instant createdAt;

  protected CritiqueEntity() {}

  long revisionId() {
    return revisionId;
  }

  /** The step key it was stored under; null for a critique without one. */
  StepKey key() {
    return runId == null ? null : new StepKey(runId, step, attempt);
  }

  Critique toCritique(Json json) {
    return new Critique(
        id,
        revisionId,
        runId,
        verdict,
        json.findings(reasons),
        CallColumns.toCall(call),
        createdAt);
  }
}
