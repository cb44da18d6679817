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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A row of {@code trainer.job} (V1–V3), inserted and read through JPA. It is {@link Immutable} to
 * Hibernate: every change after the insert is one of {@link JobRepository}'s conditional statements
 * (a claim, a lease-held write, a cancel), which JPA's dirty checking cannot express, and {@code
 * version} is the trigger's ({@code V3__job_version.sql}), never written here.
 */
@Entity
@Immutable
@Table(name = "job")
class JobEntity {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Enumerated(EnumType.STRING)
  private JobType type;

  @Enumerated(EnumType.STRING)
  private JobStatus status;

  private Long baseModelId;
  private Long baseJobId;
  private Long runId;
  private Long datasetId;
  private String dataSplit;
  private String dataSource;
  private String dataPath;
  private String dataSha256;
  private int dataCount;

  @JdbcTypeCode(SqlTypes.JSON)
  private String hyperparameters;

  @JdbcTypeCode(SqlTypes.JSON)
  private String betas;

  @JdbcTypeCode(SqlTypes.JSON)
  private String effectiveBetas;

  private String betasSource;
  private boolean allowPartial;
  private boolean allowOverlap;
  private int overlap;
  private int totalSteps;
  private int stepsCompleted;
  private double epochsCompleted;

  @JdbcTypeCode(SqlTypes.JSON)
  private String latestMetrics;

  private String checkpointPath;
  private Integer checkpointStep;
  private Long outputModelId;
  private String error;
  private boolean cancelRequested;
  private String leaseOwner;

  @Column(columnDefinition = "timestamptz")
  private Instant leaseExpiresAt;

  private int attempts;

  @Column(columnDefinition = "timestamptz")
  private Instant attemptStartedAt;

  private int attemptStartStep;
  private String codeVersion;

  @Column(columnDefinition = "timestamptz")
  private Instant createdAt;

  @Column(columnDefinition = "timestamptz")
  private Instant startedAt;

  @Column(columnDefinition = "timestamptz")
  private Instant finishedAt;

  @Column(insertable = false, updatable = false)
  private long version;

  protected JobEntity() {}

  /** A new QUEUED job. */
  JobEntity(NewJob j, Instant now) {
    this.type = j.type();
    this.status = JobStatus.QUEUED;
    this.baseModelId = j.baseModelId();
    this.baseJobId = j.baseJobId();
    this.runId = j.runId();
    this.datasetId = j.datasetId();
    this.dataSplit = j.dataSplit();
    this.dataSource = j.dataSource();
    this.dataPath = j.dataPath();
    this.dataSha256 = j.dataSha256();
    this.dataCount = j.dataCount();
    this.hyperparameters = JSON.writeValueAsString(j.hyperparameters());
    this.betas =
        j.betas() == null || j.betas().isEmpty() ? null : JSON.writeValueAsString(j.betas());
    this.effectiveBetas =
        j.effectiveBetas() == null ? null : JSON.writeValueAsString(j.effectiveBetas());
    this.betasSource = j.betasSource();
    this.allowPartial = j.allowPartial();
    this.allowOverlap = j.allowOverlap();
    this.overlap = j.overlap();
    this.totalSteps = j.totalSteps();
    this.codeVersion = j.codeVersion();
    this.createdAt = now;
  }

  Long id() {
    return id;
  }

  Job toJob() {
    return new Job(
        id,
        type,
        status,
        baseModelId,
        baseJobId,
        datasetId,
        dataSplit,
        allowPartial,
        allowOverlap,
        overlap,
        tree(effectiveBetas),
        betasSource,
        runId,
        dataSource,
        dataPath,
        dataSha256,
        dataCount,
        tree(hyperparameters),
        tree(betas),
        totalSteps,
        stepsCompleted,
        epochsCompleted,
        tree(latestMetrics),
        checkpointPath,
        checkpointStep,
        outputModelId,
        error,
        cancelRequested,
        leaseOwner,
        leaseExpiresAt,
        attempts,
        attemptStartedAt,
        attemptStartStep,
        codeVersion,
        createdAt,
        startedAt,
        finishedAt,
        version);
  }

  private static JsonNode tree(String text) {
    return text == null ? null : JSON.readTree(text);
  }
}
