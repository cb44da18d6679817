package dev.cogalign.crv.agent;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Extend (verdict EASY) or simplify (verdict HARD) a CoT for a student. */
public record RethinkRequest(
    @NotBlank @Size(max = AgentLimits.MAX_QUESTION_CHARS) String question,
    @NotBlank @Size(max = AgentLimits.MAX_COT_CHARS) String cot,
    @NotNull Verdict verdict,
    @Valid StudentProfile profile) {

  public RethinkRequest {
    profile = profile == null ? StudentProfile.DEFAULT : profile;
  }
}
