package dev.cogalign.rethink.error;

/** The root of rethink-service's own errors. */
public class RethinkServiceException extends RuntimeException {
  public RethinkServiceException(String message) {
    super(message);
  }
}
