package dev.cogalign.trainer.error;

/** A request body over {@code cogalign.trainer.max-request-bytes} (413). */
public class PayloadTooLargeException extends TrainerException {
  private final long limit;

  public PayloadTooLargeException(long size, long limit) {
    super("request body of " + size + " bytes exceeds the limit of " + limit);
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
