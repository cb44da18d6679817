package dev.cogalign.pipeline.revision;

import dev.cogalign.crv.agent.RevisionOrigin;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code crv.cot_revision} (V1): append-only (a trigger refuses updates and deletes), so
 * {@link Immutable}. The problem, the parent and the run are ids, not associations. Ids come from
 * the sequence {@code crv.cot_revision_id_seq}, {@value #ID_BLOCK} at a time (V4, the column's
 * default), so that an upload's teacher CoTs go to PostgreSQL in JDBC batches. {@code steps} is the
 * jsonb array of the CoT's steps, held as its JSON text and read by {@link RevisionRepository}.
 */
@Entity
@Immutable
@Table(name = "cot_revision")
class RevisionEntity {
  /** Ids allocated per call of the sequence: its increment (V4), one JDBC batch. */
  static final int ID_BLOCK = 500;

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "cot_revision_id")
  @SequenceGenerator(
      name = "cot_revision_id",
      sequenceName = "crv.cot_revision_id_seq",
      allocationSize = ID_BLOCK)
  private Long id;

  private long problemId;
  private Long parentId;

  @Enumerated(EnumType.STRING)
  private RevisionOrigin origin;

  private String text;

  @JdbcTypeCode(SqlTypes.JSON)
  private String steps;

  private String finalAnswer;

  @Embedded private CallColumns call;

  private Long runId;
  private String step;
  private Integer attempt;

  @Column(columnDefinition = "timestamptz")
  private Instant createdAt;

  protected RevisionEntity() {}

  /** A new revision without a step key (a teacher CoT of an upload). */
  RevisionEntity(NewRevision revision, String steps, String finalAnswer, Instant createdAt) {
    this.problemId = revision.problemId();
    this.parentId = revision.parentId();
    this.origin = revision.origin();
    this.text = revision.text();
    this.steps = steps;
    this.finalAnswer = finalAnswer;
    this.call = CallColumns.of(revision.call());
    this.createdAt = createdAt;
  }

  /** The step key it was stored under; null for a revision without one. */
  StepKey key() {
    return runId == null ? null : new StepKey(runId, step, attempt);
  }

  Revision toRevision(Json json) {
    return new Revision(
        id,
        problemId,
        parentId,
        origin,
        text,
        json.strings(steps),
        finalAnswer,
        CallColumns.toCall(call),
        runId,
        createdAt,
        List.of(),
        List.of());
  }
}
