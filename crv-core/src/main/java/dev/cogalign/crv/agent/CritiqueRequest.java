package dev.cogalign.crv.agent;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Critique a CoT for a student; a null profile means {@link StudentProfile#DEFAULT}. */
public record CritiqueRequest(
    @NotBlank @Size(max = AgentLimits.MAX_QUESTION_CHARS) String question,
    @NotBlank @Size(max = AgentLimits.MAX_COT_CHARS) String cot,
    @Valid StudentProfile profile) {

  public CritiqueRequest {
    profile = profile == null ? StudentProfile.DEFAULT : profile;
  }
}
