package dev.cogalign.deploycheck.manifest;

import dev.cogalign.deploycheck.DeployCheckException;
import java.util.List;

/** Objects the Kubernetes model cannot read as they are written: each problem names the object. */
public class InvalidManifestException extends DeployCheckException {

  private final List<String> problems;

  public InvalidManifestException(List<String> problems) {
    super("invalid manifests:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
