package dev.cogalign.agentweb.error;

/**
 * A request field that is well-formed but that this service refuses; answered 400 with the field
 * listed in {@code errors}, like a failed bean validation.
 */
public class InvalidFieldException extends AgentServiceException {
  private final String field;

  public InvalidFieldException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The name of the refused field, as in the request body. */
  public String field() {
    return field;
  }
}
