package dev.cogalign.pipeline.revision;

import dev.cogalign.crv.agent.AgentCall;
import dev.cogalign.crv.agent.StepFinding;
import dev.cogalign.crv.agent.Verdict;
import java.time.Instant;
import java.util.List;

/** A stored critique of one revision. */
public record Critique(
    long id,
    long revisionId,
    Long runId,
    Verdict verdict,
    List<StepFinding> reasons,
    AgentCall call,
    Instant createdAt) {}
