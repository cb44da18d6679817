package dev.cogalign.pipeline.revision;

import dev.cogalign.crv.agent.AgentCall;
import dev.cogalign.crv.agent.RevisionOrigin;

/** A revision to append; steps and final answer are parsed from the text. */
public record NewRevision(
    long problemId, Long parentId, RevisionOrigin origin, String text, AgentCall call) {}
