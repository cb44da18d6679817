package dev.cogalign.cogpo;

/** Root of every error the cogpo library raises; subclasses carry the ids involved. */
public class CogpoException extends RuntimeException {

  public CogpoException(String message) {
    super(message);
  }

  public CogpoException(String message, Throwable cause) {
    super(message, cause);
  }
}
