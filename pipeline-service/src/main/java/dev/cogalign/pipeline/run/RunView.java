package dev.cogalign.pipeline.run;

import java.time.Instant;
import java.util.Map;

/**
 * {@code GET /api/v1/runs/{id}}.
 *
 * @param counts problems per {@link ProblemState}, every state present
 * @param problemsPerSecond finished problems per second since the run started; 0 before
 * @param estimatedRemainingSeconds pending problems at the current rate; null while unknown, 0 once
 *     finished
 */
public record RunView(
    long id,
    long datasetId,
    RunStatus status,
    RunConfig config,
    long total,
    Map<ProblemState, Long> counts,
    long pairs,
    double problemsPerSecond,
    Double estimatedRemainingSeconds,
    String reason,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {}
