package dev.cogalign.pipeline.error;

/** No row of this kind has this id (404). */
public class NotFoundException extends PipelineException {
  private final String kind;
  private final long id;

  public NotFoundException(String kind, long id) {
    super(kind + " " + id + " does not exist");
    this.kind = kind;
    this.id = id;
  }

  public String kind() {
    return kind;
  }

  public long id() {
    return id;
  }
}
