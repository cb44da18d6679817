package dev.cogalign.agentweb.error;

import java.io.IOException;

/** A request body passed the size limit; thrown while the body is read, answered 413. */
public class RequestTooLargeException extends IOException {
  private RequestTooLargeException(String message) {
    super(message);
  }

  /** The declared Content-Length is over the limit. */
  public static RequestTooLargeException declared(long bytes, long maxBytes) {
    return new RequestTooLargeException(
        "request body of " + bytes + " bytes exceeds the limit of " + maxBytes + " bytes");
  }

  /** A body without Content-Length passed the limit while it was read. */
  public static RequestTooLargeException streamed(long maxBytes) {
    return new RequestTooLargeException("request body exceeds the limit of " + maxBytes + " bytes");
  }
}
