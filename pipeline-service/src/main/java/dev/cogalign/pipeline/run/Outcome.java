package dev.cogalign.pipeline.run;

import java.util.List;

/** How one problem of a run ended, with the preference pairs it yielded. */
record Outcome(ProblemState state, Long resultRevisionId, String reason, List<NewPair> pairs) {
  Outcome {
    pairs = List.copyOf(pairs);
  }

  static Outcome verified(long revisionId, String reason) {
    return new Outcome(ProblemState.VERIFIED, revisionId, reason, List.of());
  }

  static Outcome of(ProblemState state, String reason) {
    return new Outcome(state, null, reason, List.of());
  }

  Outcome withPairs(List<NewPair> pairs) {
    return new Outcome(state, resultRevisionId, reason, pairs);
  }
}
