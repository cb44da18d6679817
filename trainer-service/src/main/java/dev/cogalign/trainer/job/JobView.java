package dev.cogalign.trainer.job;

import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A job as dashboards poll it (the shape of Kubeflow Trainer's and NeMo Customizer's status).
 *
 * @param baseModelId null while the job waits for {@code baseJobId}'s model
 * @param data where the data came from and its snapshot: {@code runId}, {@code datasetId}, {@code
 *     split}, {@code source}, {@code sha256}, {@code count}
 * @param betas the job's own betas per mini-task (overriding the pairs')
 * @param effectiveBetas the beta per mini-task it trains with (DPO/CogPO)
 * @param betasSource {@code pairs}, {@code job} or {@code beta} (DPO's one beta)
 * @param overlap EVAL: problems whose question the model's lineage was trained on
 * @param diskBytes what the job's folder (checkpoints and model) holds on disk
 * @param estimatedRemainingSeconds null while unknown (queued, or no step yet)
 * @param latestMetrics the last step's metrics under TRL's names
 * @param worker the replica holding the job's lease
 */
public record JobView(
    long id,
    JobType type,
    JobStatus status,
    Long baseModelId,
    Long baseJobId,
    Map<String, Object> data,
    JsonNode hyperparameters,
    JsonNode betas,
    JsonNode effectiveBetas,
    String betasSource,
    boolean allowPartial,
    boolean allowOverlap,
    int overlap,
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
    long diskBytes,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {}
