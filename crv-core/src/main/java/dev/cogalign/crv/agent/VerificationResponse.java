package dev.cogalign.crv.agent;

import java.util.List;

/** Whether the CoT is correct, the answer extracted from it, and what was found per step. */
public record VerificationResponse(
    boolean correct, String extractedAnswer, List<StepFinding> findings, AgentCall call) {

  public VerificationResponse {
    findings = List.copyOf(findings);
  }
}
