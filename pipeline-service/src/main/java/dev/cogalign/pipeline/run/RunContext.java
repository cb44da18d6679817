package dev.cogalign.pipeline.run;

import dev.cogalign.crv.agent.Critic;
import dev.cogalign.crv.agent.Rethinker;
import dev.cogalign.crv.agent.Verifier;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What processing a problem of a run needs: its settings, its agents, whether to stop, and which
 * problems the run had stored steps for when it (re)started.
 */
record RunContext(
    long runId,
    RunConfig config,
    Critic critic,
    Rethinker rethinker,
    Verifier verifier,
    BooleanSupplier cancelled,
    Set<Long> withStoredSteps) {
  RunContext {
    withStoredSteps = Set.copyOf(withStoredSteps);
  }
}
