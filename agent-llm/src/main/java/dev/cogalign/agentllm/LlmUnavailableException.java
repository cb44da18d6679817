package dev.cogalign.agentllm;

import dev.cogalign.crv.agent.AgentException;

/**
 * The call was refused without reaching the server: the endpoint's circuit breaker is open, or no
 * rate-limiter permit came in time. Callers may try again later.
 */
public class LlmUnavailableException extends AgentException {
  private final String endpoint;

  public LlmUnavailableException(String endpoint, String message, Throwable cause) {
    super(message, cause);
    this.endpoint = endpoint;
  }

  /** The endpoint's name, {@link LlmAgentSettings#endpointName()}. */
  public String endpoint() {
    return endpoint;
  }
}
