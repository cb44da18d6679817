package dev.cogalign.pipeline.student;

import java.util.List;

/**
 * A CoT scored by the student, as trainer-service's {@code POST /api/v1/models/{id}/score} answers:
 * the negative log-likelihood (nats) of each non-blank line given the question and the lines before
 * it.
 */
public record CotScore(long modelId, List<Step> steps, int tokens, double totalNll) {

  public CotScore {
    steps = List.copyOf(steps);
  }

  /** One line of the CoT, 0-based {@code index}. */
  public record Step(int index, String text, int tokens, double nll, double nllPerToken) {}
}
