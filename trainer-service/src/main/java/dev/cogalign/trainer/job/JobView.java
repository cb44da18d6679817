package dev.cogalign.trainer.job;

import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A job as dashboards poll it (the shape of Kubeflow Trainer's and NeMo Customizer's status).
 *
 * @param data where the data came from and its snapshot: {@code runId}, {@code source}, {@code
 *     sha256}, {@code count}
 * @param estimatedRemainingSeconds null while unknown (queued, or no step yet)
 * @param latestMetrics the last step's metrics under TRL's names
 * @param worker the replica holding the job's lease
 */
public record JobView(
    long id,
    JobType type,
    JobStatus status,
    long baseModelId,
    Map<String, Object> data,
    JsonNode hyperparameters,
    JsonNode betas,
    double progressPercentage,
    int stepsCompleted,
    int totalSteps,
    int epochsCompleted,
    double elapsedSeconds,
    Double estimatedRemainingSeconds,
    JsonNode latestMetrics,
    Integer checkpointStep,
    Long outputModelId,
    String error,
    int attempts,
    String worker,
    String codeVersion,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {}
