package dev.cogalign.gateway.error;

/** A request to the gateway's own API with a bad field: 400, naming the field. */
public final class InvalidRequestException extends GatewayException {

  private final String field;

  public InvalidRequestException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
