package dev.cogalign.pipeline.revision;

import dev.cogalign.crv.agent.AgentCall;
import dev.cogalign.crv.agent.RevisionOrigin;
import java.time.Instant;
import java.util.List;

/**
 * One stored version of a CoT with what was said about it.
 *
 * @param call who wrote it; null for a teacher CoT as submitted
 * @param runId the run that wrote it; null for a teacher CoT
 */
public record Revision(
    long id,
    long problemId,
    Long parentId,
    RevisionOrigin origin,
    String text,
    List<String> steps,
    String finalAnswer,
    AgentCall call,
    Long runId,
    Instant createdAt,
    List<Critique> critiques,
    List<Verification> verifications) {

  public Revision {
    steps = List.copyOf(steps);
    critiques = List.copyOf(critiques);
    verifications = List.copyOf(verifications);
  }

  Revision with(List<Critique> critiques, List<Verification> verifications) {
    return new Revision(
        id,
        problemId,
        parentId,
        origin,
        text,
        steps,
        finalAnswer,
        call,
        runId,
        createdAt,
        critiques,
        verifications);
  }
}
