package dev.cogalign.deploycheck;

/** The deployment files cannot be read or assembled: the message names the file and the reason. */
public class DeployCheckException extends RuntimeException {

  public DeployCheckException(String message) {
    super(message);
  }

  public DeployCheckException(String message, Throwable cause) {
    super(message, cause);
  }
}
