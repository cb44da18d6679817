package dev.cogalign.agentllm;

/** Every attempt of a model call ran past the time limit. */
public class LlmTimeoutException extends LlmCallException {
  public LlmTimeoutException(String endpoint, String message, Throwable cause) {
    super(endpoint, null, message, cause);
  }
}
