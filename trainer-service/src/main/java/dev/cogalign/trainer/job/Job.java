package dev.cogalign.trainer.job;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A row of {@code trainer.job}. */
public record Job(
    long id,
    JobType type,
    JobStatus status,
    long baseModelId,
    Long runId,
    String dataSource,
    String dataPath,
    String dataSha256,
    int dataCount,
    JsonNode hyperparameters,
    JsonNode betas,
    int totalSteps,
    int stepsCompleted,
    double epochsCompleted,
    JsonNode latestMetrics,
    String checkpointPath,
    Integer checkpointStep,
    Long outputModelId,
    String error,
    boolean cancelRequested,
    String leaseOwner,
    Instant leaseExpiresAt,
    int attempts,
    Instant attemptStartedAt,
    int attemptStartStep,
    String codeVersion,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {}
