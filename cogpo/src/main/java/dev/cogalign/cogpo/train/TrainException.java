package dev.cogalign.cogpo.train;

import dev.cogalign.cogpo.CogpoException;

/**
 * Root of the training engine's failures: bad configuration, unreadable data, broken checkpoints.
 */
public class TrainException extends CogpoException {

  public TrainException(String message) {
    super(message);
  }

  public TrainException(String message, Throwable cause) {
    super(message, cause);
  }
}
