package dev.cogalign.cogpo.train;

/**
 * Root of the training engine's failures: bad configuration, unreadable data, broken checkpoints.
 */
public class TrainException extends RuntimeException {

  public TrainException(String message) {
    super(message);
  }

  public TrainException(String message, Throwable cause) {
    super(message, cause);
  }
}
