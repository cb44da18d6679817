package dev.cogalign.gateway.error;

/** No API key with this id: 404. */
public final class ApiKeyNotFoundException extends GatewayException {

  private final long id;

  public ApiKeyNotFoundException(long id) {
    super("no API key " + id);
    this.id = id;
  }

  public long id() {
    return id;
  }
}
