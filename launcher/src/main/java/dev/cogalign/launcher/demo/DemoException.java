package dev.cogalign.launcher.demo;

/**
 * The demo could not complete a step: a call through the gateway failed, or a run or job failed.
 */
public class DemoException extends RuntimeException {

  public DemoException(String message) {
    super(message);
  }

  public DemoException(String message, Throwable cause) {
    super(message, cause);
  }
}
