package dev.cogalign.pipeline.error;

/** A request parameter or body value is invalid (400). */
public class BadRequestException extends PipelineException {
  private final String field;

  public BadRequestException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
