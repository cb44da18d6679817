package dev.cogalign.pipeline.revision;

/**
 * Identifies one step of a run on one problem, so that a resumed run finds what it already stored.
 *
 * @param runId the run
 * @param step the step's name (critique, rethink, verify, variant, …)
 * @param attempt 0 for steps done once, 1.. for retried steps
 */
public record StepKey(long runId, String step, int attempt) {}
