package dev.cogalign.trainer.error;

/** Root of every error trainer-service raises on purpose. */
public class TrainerException extends RuntimeException {
  public TrainerException(String message) {
    super(message);
  }

  public TrainerException(String message, Throwable cause) {
    super(message, cause);
  }
}
