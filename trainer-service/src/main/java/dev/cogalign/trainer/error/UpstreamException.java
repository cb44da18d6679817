package dev.cogalign.trainer.error;

/** pipeline-service could not be reached or answered with a server error (502). */
public class UpstreamException extends TrainerException {
  public UpstreamException(String message, Throwable cause) {
    super(message, cause);
  }
}
