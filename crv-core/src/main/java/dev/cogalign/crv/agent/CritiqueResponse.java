package dev.cogalign.crv.agent;

import java.util.List;

/** The critic's verdict with its reasons, each naming the step it is about. */
public record CritiqueResponse(Verdict verdict, List<StepFinding> reasons, AgentCall call) {

  public CritiqueResponse {
    reasons = List.copyOf(reasons);
  }
}
