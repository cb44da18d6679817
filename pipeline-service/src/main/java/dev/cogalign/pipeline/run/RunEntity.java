package dev.cogalign.pipeline.run;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code crv.run} (V1–V3), inserted through JPA and read as a {@link RunRow} projection,
 * never as a managed entity. Its status moves by {@link RunRows}' conditional bulk updates, not by
 * dirty checking. The counters and the version are the triggers' ({@code V2__run_counters.sql}),
 * updated in the transaction of every change of the run's problems and pairs: the entity reads them
 * and never writes them ({@code insertable = false, updatable = false}).
 */
@Entity
@Table(name = "run")
class RunEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private long datasetId;

  @Enumerated(EnumType.STRING)
  private RunStatus status;

  @JdbcTypeCode(SqlTypes.JSON)
  private String config;

  private String reason;

  @Column(columnDefinition = "timestamptz")
  private Instant createdAt;

  @Column(columnDefinition = "timestamptz")
  private Instant startedAt;

  @Column(columnDefinition = "timestamptz")
  private Instant finishedAt;

  @Column(insertable = false, updatable = false)
  private long pending;

  @Column(insertable = false, updatable = false)
  private long verified;

  @Column(insertable = false, updatable = false)
  private long rejected;

  @Column(insertable = false, updatable = false)
  private long skipped;

  @Column(insertable = false, updatable = false)
  private long failed;

  @Column(insertable = false, updatable = false)
  private long pairs;

  @Column(insertable = false, updatable = false)
  private long version;

  /** The calibrated student critic (V3), set once measured; written by {@link RunRows}. */
  @JdbcTypeCode(SqlTypes.JSON)
  private String studentCritic;

  protected RunEntity() {}

  /** A new QUEUED run of a dataset; {@code config} is its JSON. */
  RunEntity(long datasetId, String config, Instant now) {
    this.datasetId = datasetId;
    this.status = RunStatus.QUEUED;
    this.config = config;
    this.createdAt = now;
  }

  Long id() {
    return id;
  }
}
