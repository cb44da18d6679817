package dev.cogalign.trainer.error;

/** A job or model that does not exist (404). */
public class NotFoundException extends TrainerException {
  private final String kind;
  private final Object id;

  public NotFoundException(String kind, Object id) {
    super(kind + " " + id + " not found");
    this.kind = kind;
    this.id = id;
  }

  public String kind() {
    return kind;
  }

  public Object id() {
    return id;
  }
}
