package dev.cogalign.trainer.job;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A row of {@code trainer.job}.
 *
 * @param baseModelId the model it starts from; null while it waits for {@code baseJobId}'s model
 * @param baseJobId the job whose output model it starts from, or null
 * @param datasetId the pipeline dataset it trains or evaluates on, or null
 * @param dataSplit {@code train} for an EVAL on a run's own SFT records, else null
 * @param overlap EVAL: question texts shared with the training data of the model's lineage
 * @param effectiveBetas DPO/CogPO: the beta per mini-task the data trains with
 * @param betasSource DPO/CogPO: {@code pairs}, {@code job} (the job's betas) or {@code beta} (DPO)
 * @param version bumped by every change of the row but a lease renewal: the view's ETag
 */
public record Job(
    long id,
    JobType type,
    JobStatus status,
    Long baseModelId,
    Long baseJobId,
    Long datasetId,
    String dataSplit,
    boolean allowPartial,
    boolean allowOverlap,
    int overlap,
    JsonNode effectiveBetas,
    String betasSource,
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
    Instant finishedAt,
    long version) {}
