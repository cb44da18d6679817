package dev.cogalign.cogpo.checkpoint;

import dev.cogalign.cogpo.CogpoException;
import java.util.List;

/** config.json names an architecture (or option) this model does not implement. */
public class UnsupportedArchitectureException extends CogpoException {

  private final String architecture;

  public UnsupportedArchitectureException(String architecture, List<String> supported) {
    super("unsupported architecture '" + architecture + "'; supported: " + supported);
    this.architecture = architecture;
  }

  public UnsupportedArchitectureException(String architecture, String reason) {
    super("unsupported " + architecture + ": " + reason);
    this.architecture = architecture;
  }

  public String architecture() {
    return architecture;
  }
}
