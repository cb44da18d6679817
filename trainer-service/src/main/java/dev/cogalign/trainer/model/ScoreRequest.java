package dev.cogalign.trainer.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A chain of thought to score; its steps are its non-blank lines.
 *
 * @param question the prompt it answers (optional; rendered in the model's prompt format)
 * @param cot the chain of thought
 */
public record ScoreRequest(
    @Size(max = ScoreRequest.MAX_CHARS) String question,
    @NotBlank @Size(max = ScoreRequest.MAX_CHARS) String cot) {
  public static final int MAX_CHARS = 100_000;
}
