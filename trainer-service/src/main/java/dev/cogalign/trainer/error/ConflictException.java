package dev.cogalign.trainer.error;

/** An operation the resource's state does not allow, such as cancelling a finished job (409). */
public class ConflictException extends TrainerException {
  private final long id;

  public ConflictException(long id, String message) {
    super(message);
    this.id = id;
  }

  public long id() {
    return id;
  }
}
