package dev.cogalign.pipeline.run;

import java.time.Instant;
import java.util.Map;

/**
 * A stored run, with the counters its row keeps as work completes.
 *
 * @param counts problems per {@link ProblemState}, every state present
 * @param pairs preference pairs stored
 * @param version bumped by every change of the row (counters included): the view's ETag
 */
record Run(
    long id,
    long datasetId,
    RunStatus status,
    RunConfig config,
    String reason,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Map<ProblemState, Long> counts,
    long pairs,
    long version) {}
