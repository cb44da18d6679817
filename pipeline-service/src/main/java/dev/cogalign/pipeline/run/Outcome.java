package dev.cogalign.pipeline.run;

/** How one problem of a run ended. */
record Outcome(ProblemState state, Long resultRevisionId, String reason) {
  static Outcome verified(long revisionId, String reason) {
    return new Outcome(ProblemState.VERIFIED, revisionId, reason);
  }

  static Outcome of(ProblemState state, String reason) {
    return new Outcome(state, null, reason);
  }
}
