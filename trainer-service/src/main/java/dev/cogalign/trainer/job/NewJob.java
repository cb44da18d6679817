package dev.cogalign.trainer.job;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What {@link JobService} has validated and snapshotted for a new job: the row to insert.
 *
 * @param baseModelId the model it starts from, or null when it waits for {@code baseJobId}
 * @param betas the job's own betas per mini-task (overriding the pairs'), or null
 * @param effectiveBetas the betas per mini-task the data trains with (DPO/CogPO), or null
 */
public record NewJob(
    JobType type,
    Long baseModelId,
    Long baseJobId,
    Long runId,
    Long datasetId,
    String dataSplit,
    String dataSource,
    String dataPath,
    String dataSha256,
    int dataCount,
    JsonNode hyperparameters,
    Map<String, Double> betas,
    Map<String, Double> effectiveBetas,
    String betasSource,
    boolean allowPartial,
    boolean allowOverlap,
    int overlap,
    int totalSteps,
    String codeVersion) {

  NewJob withBaseModelId(Long id) {
    return new NewJob(
        type,
        id,
        baseJobId,
        runId,
        datasetId,
        dataSplit,
        dataSource,
        dataPath,
        dataSha256,
        dataCount,
        hyperparameters,
        betas,
        effectiveBetas,
        betasSource,
        allowPartial,
        allowOverlap,
        overlap,
        totalSteps,
        codeVersion);
  }
}
