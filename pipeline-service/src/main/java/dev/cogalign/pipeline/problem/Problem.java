package dev.cogalign.pipeline.problem;

import java.time.Instant;

/** A stored problem: the question, its gold answer and where it came from. */
public record Problem(
    long id,
    long datasetId,
    String externalId,
    String question,
    String goldAnswer,
    String domain,
    Instant createdAt) {}
