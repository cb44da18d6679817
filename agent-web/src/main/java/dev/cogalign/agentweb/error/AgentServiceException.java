package dev.cogalign.agentweb.error;

/** The root of the agent services' own errors (those not raised by the agent itself). */
public class AgentServiceException extends RuntimeException {
  public AgentServiceException(String message) {
    super(message);
  }
}
