package dev.cogalign.pipeline.run;

/** Where one problem of a run stands. */
public enum ProblemState {
  /** Not yet processed (or interrupted: processed again on resume, its stored steps reused). */
  PENDING,
  /** A verified CoT came out: the MEDIUM original or a verified rewrite. */
  VERIFIED,
  /**
   * No verified CoT that fits: the MEDIUM original failed verification, or no rewrite was both
   * verified and judged MEDIUM.
   */
  REJECTED,
  /** Nothing to do: the problem has no teacher CoT. */
  SKIPPED,
  /** An agent call failed after the agent's own retries; the reason is stored. */
  FAILED;

  boolean finished() {
    return this != PENDING;
  }
}
