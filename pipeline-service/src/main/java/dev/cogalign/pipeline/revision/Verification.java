package dev.cogalign.pipeline.revision;

import dev.cogalign.crv.agent.AgentCall;
import dev.cogalign.crv.agent.StepFinding;
import java.time.Instant;
import java.util.List;

/** A stored verification of one revision. */
public record Verification(
    long id,
    long revisionId,
    Long runId,
    boolean correct,
    String extractedAnswer,
    List<StepFinding> findings,
    AgentCall call,
    Instant createdAt) {}
