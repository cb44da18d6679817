package dev.cogalign.trainer.model;

import java.time.Instant;

/** A model's score on a benchmark, written by an EVAL job. */
public record Evaluation(
    long jobId, String benchmark, int correct, int total, double accuracy, Instant createdAt) {}
