package dev.cogalign.crv.agent;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Verify a CoT (possibly free-form model output) against the gold answer. */
public record VerificationRequest(
    @NotBlank @Size(max = AgentLimits.MAX_QUESTION_CHARS) String question,
    @NotBlank @Size(max = AgentLimits.MAX_ANSWER_CHARS) String goldAnswer,
    @NotBlank @Size(max = AgentLimits.MAX_COT_CHARS) String cot) {}
