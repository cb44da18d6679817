package dev.cogalign.agentllm;

import dev.cogalign.crv.agent.AgentException;

/** The model answered every attempt, but never in a form the agent can use. */
public class UnusableAnswerException extends AgentException {
  private final String agent;
  private final int attempts;

  public UnusableAnswerException(String agent, int attempts, String message) {
    super(message);
    this.agent = agent;
    this.attempts = attempts;
  }

  public String agent() {
    return agent;
  }

  public int attempts() {
    return attempts;
  }
}
