package dev.cogalign.crv.agent;

/**
 * The rethinker found nothing to rewrite: no step of the CoT can be extended (or simplified) for
 * the student. Not a failure of the agent: the CoT cannot be brought closer to the student by this
 * rethinker, so retrying is pointless; the problem is rejected with this reason.
 */
public class NothingToRewriteException extends AgentException {
  public NothingToRewriteException(String message) {
    super(message);
  }

  public NothingToRewriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
