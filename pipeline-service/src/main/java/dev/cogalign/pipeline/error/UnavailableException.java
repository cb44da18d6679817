package dev.cogalign.pipeline.error;

/** A service the request needs cannot be reached now (503); the request may be repeated. */
public class UnavailableException extends PipelineException {
  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
