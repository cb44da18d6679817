package dev.cogalign.pipeline.run;

import java.time.Instant;

/** A stored run. */
record Run(
    long id,
    long datasetId,
    RunStatus status,
    RunConfig config,
    String reason,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {}
