package dev.cogalign.trainer.job;

import java.util.Map;

/**
 * {@code POST /api/v1/jobs}. Validated as a whole by {@link JobService} so that every reason is
 * reported at once.
 *
 * @param type SFT, DPO, COGPO or EVAL
 * @param baseModel a registered model id or a Hugging Face folder
 * @param data the pipeline run (or benchmark) to train or evaluate on
 * @param hyperparameters training options
 * @param betas a beta per mini-task ({@code ALIGN}, {@code CALIBRATE}, {@code CORRECT}) replacing
 *     the pairs' own
 * @param name optional label
 */
public record CreateJobRequest(
    String type,
    String baseModel,
    JobData data,
    Hyperparameters hyperparameters,
    Map<String, Double> betas,
    String name) {}
