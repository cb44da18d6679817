package dev.cogalign.trainer.model;

import java.time.Instant;

/**
 * A model's score, written by an EVAL job.
 *
 * @param benchmark {@code dataset:<id>}, {@code run:<id>/train (training-set measurement)} or a
 *     benchmark's name
 * @param datasetId the held-out dataset it was measured on, or null
 * @param split {@code train} when it measured the model's own training records
 * @param overlap problems whose question the model's lineage was trained on
 * @param allowOverlap whether it was measured despite such an overlap
 * @param hitTokenLimit outputs that reached the token limit without a stop token
 */
public record Evaluation(
    long jobId,
    String benchmark,
    Long datasetId,
    String split,
    int correct,
    int total,
    double accuracy,
    int overlap,
    boolean allowOverlap,
    int hitTokenLimit,
    Instant createdAt) {}
