package dev.cogalign.pipeline.run;

import java.time.Instant;

/**
 * One problem's state in a run.
 *
 * @param resultRevisionId the verified CoT (VERIFIED only)
 * @param reason why it failed or was rejected, or a note
 */
public record RunProblem(
    long problemId, ProblemState state, Long resultRevisionId, String reason, Instant finishedAt) {}
