package dev.cogalign.agentllm;

import dev.cogalign.crv.agent.AgentException;

/** The model server failed a call after every retry (an HTTP error, an I/O failure). */
public class LlmCallException extends AgentException {
  private final String endpoint;
  private final Integer status;

  public LlmCallException(String endpoint, Integer status, String message, Throwable cause) {
    super(message, cause);
    this.endpoint = endpoint;
    this.status = status;
  }

  /** The endpoint's name, {@link LlmAgentSettings#endpointName()}. */
  public String endpoint() {
    return endpoint;
  }

  /** The last HTTP status the server answered with, null when it did not answer. */
  public Integer status() {
    return status;
  }
}
