package dev.cogalign.pipeline.error;

/** An upload exceeds a configured size limit (413). */
public class PayloadTooLargeException extends PipelineException {
  private final long limit;

  public PayloadTooLargeException(String message, long limit) {
    super(message);
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
