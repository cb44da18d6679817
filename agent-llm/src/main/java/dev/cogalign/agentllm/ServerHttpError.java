package dev.cogalign.agentllm;

/**
 * A model server answered with an HTTP error; thrown by the Ollama client's error handler so that
 * the status and {@code Retry-After} reach the retry policy.
 */
public class ServerHttpError extends RuntimeException {
  private final int status;
  private final String retryAfter;

  public ServerHttpError(int status, String retryAfter, String body) {
    super("HTTP " + status + (body == null || body.isBlank() ? "" : ": " + body));
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public int status() {
    return status;
  }

  /** The raw {@code Retry-After} header, null when absent. */
  public String retryAfter() {
    return retryAfter;
  }
}
