package dev.cogalign.gateway.error;

/** The gateway's root exception; {@link GatewayErrorAdvice} maps each subclass to a problem. */
public class GatewayException extends RuntimeException {

  public GatewayException(String message) {
    super(message);
  }
}
