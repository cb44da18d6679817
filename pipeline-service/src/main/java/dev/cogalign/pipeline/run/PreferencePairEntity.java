package dev.cogalign.pipeline.run;

import dev.cogalign.crv.agent.MiniTask;
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

/**
 * A row of {@code crv.preference_pair}: append-only (a V1 trigger refuses updates and deletes), so
 * {@link Immutable}. Pairs are inserted by {@link RunRepository#record}'s statement, which skips
 * the ones a resumed run finds again ({@code on conflict do nothing}), and read only by the
 * exports' JDBC cursor ({@code export/ExportRepository}, which says why), so no Spring Data
 * repository reads it: the mapping is here for Hibernate to validate against Flyway's table.
 */
@Entity
@Immutable
@Table(name = "preference_pair")
class PreferencePairEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private long runId;
  private long problemId;
  private long chosenRevisionId;
  private long rejectedRevisionId;

  @Enumerated(EnumType.STRING)
  private MiniTask miniTask;

  private double beta;

  @Column(columnDefinition = "timestamptz")
  private Instant createdAt;

  protected PreferencePairEntity() {}
}
