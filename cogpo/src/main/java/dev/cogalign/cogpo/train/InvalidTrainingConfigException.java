package dev.cogalign.cogpo.train;

/** A training option has a bad value; the message names the option and the value. */
public class InvalidTrainingConfigException extends TrainException {

  public InvalidTrainingConfigException(String message) {
    super(message);
  }
}
