package dev.cogalign.trainer.model;

/**
 * An EVAL job's result as stored with the model.
 *
 * @param benchmark what it was measured on: {@code dataset:<id>}, {@code run:<id>/train
 *     (training-set measurement)} or a benchmark's name
 * @param datasetId the held-out dataset, or null
 * @param split {@code train} for a measurement on a run's own SFT records, else null
 * @param overlap problems whose question the model's lineage was trained on
 * @param allowOverlap whether the evaluation was asked to run despite an overlap
 * @param hitTokenLimit outputs that reached the token limit without a stop token
 */
public record NewEvaluation(
    long modelId,
    long jobId,
    String benchmark,
    Long datasetId,
    String split,
    int correct,
    int total,
    int overlap,
    boolean allowOverlap,
    int hitTokenLimit) {}
