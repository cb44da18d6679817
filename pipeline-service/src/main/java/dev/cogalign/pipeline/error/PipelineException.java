package dev.cogalign.pipeline.error;

/** Root of every exception pipeline-service maps to a problem+json response. */
public class PipelineException extends RuntimeException {
  public PipelineException(String message) {
    super(message);
  }

  public PipelineException(String message, Throwable cause) {
    super(message, cause);
  }
}
