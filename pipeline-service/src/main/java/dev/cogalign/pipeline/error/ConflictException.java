package dev.cogalign.pipeline.error;

/** The request does not fit the current state of a resource (409). */
public class ConflictException extends PipelineException {
  private final long id;

  public ConflictException(long id, String message) {
    super(message);
    this.id = id;
  }

  public long id() {
    return id;
  }
}
