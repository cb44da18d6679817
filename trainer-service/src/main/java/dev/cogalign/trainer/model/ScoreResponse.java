package dev.cogalign.trainer.model;

import java.util.List;

/**
 * The negative log-likelihood of each step of a chain of thought under a model, given the question
 * and the steps before it (nats).
 */
public record ScoreResponse(long modelId, List<Step> steps, int tokens, double totalNll) {

  /** One step (a line of the CoT). */
  public record Step(int index, String text, int tokens, double nll, double nllPerToken) {}
}
