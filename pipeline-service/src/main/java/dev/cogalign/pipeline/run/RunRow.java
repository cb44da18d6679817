package dev.cogalign.pipeline.run;

import java.time.Instant;

/**
 * A run's row as {@link RunRows} reads it: a constructor projection ({@code select new}), so a read
 * builds no managed entity and keeps no snapshot for dirty checking (the view is polled).
 *
 * @param config the run's configuration as JSON
 * @param studentCritic the calibrated student critic as JSON, or null
 */
record RunRow(
    long id,
    long datasetId,
    RunStatus status,
    String config,
    String reason,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    long pending,
    long verified,
    long rejected,
    long skipped,
    long failed,
    long pairs,
    long version,
    String studentCritic) {}
