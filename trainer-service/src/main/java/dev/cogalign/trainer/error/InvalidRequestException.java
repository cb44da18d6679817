package dev.cogalign.trainer.error;

import dev.cogalign.serviceweb.FieldError;
import java.util.List;

/** A request refused for one or more reasons, all of them listed (400). */
public class InvalidRequestException extends TrainerException {
  private final List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    super(
        "invalid request: "
            + String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()));
    this.errors = List.copyOf(errors);
  }

  public InvalidRequestException(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
