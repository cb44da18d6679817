package dev.cogalign.crv.agent;

/** An agent could not answer: the model server failed, or its answer could not be used. */
public class AgentException extends RuntimeException {
  public AgentException(String message) {
    super(message);
  }

  public AgentException(String message, Throwable cause) {
    super(message, cause);
  }
}
