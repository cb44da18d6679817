package dev.cogalign.trainer.job;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/jobs}. Validated as a whole by {@link JobService} so that every reason is
 * reported at once.
 *
 * @param type SFT, DPO, COGPO or EVAL
 * @param baseModel a registered model id or a Hugging Face folder (or use {@code baseJob})
 * @param baseJob a training job whose output model this job starts from: it waits until that job
 *     succeeds, and fails if it does not
 * @param data the pipeline run or dataset (or benchmark) to train or evaluate on
 * @param hyperparameters training options ({@link Hyperparameters}; unknown names are refused)
 * @param betas a beta per mini-task ({@code ALIGN}, {@code CALIBRATE}, {@code CORRECT}) replacing
 *     the pairs' own
 * @param allowPartial train on a run that has not SUCCEEDED (stored with the job and its model)
 * @param allowOverlap evaluate on problems the model's lineage was trained on (stored with the
 *     evaluation)
 * @param name optional label
 */
public record CreateJobRequest(
    String type,
    String baseModel,
    Long baseJob,
    JobData data,
    JsonNode hyperparameters,
    Map<String, Double> betas,
    Boolean allowPartial,
    Boolean allowOverlap,
    String name) {}
