package dev.cogalign.deploycheck.kustomize;

import dev.cogalign.deploycheck.DeployCheckException;
import java.nio.file.Path;

/**
 * A kustomization uses something the renderer does not implement: rather than render it differently
 * from kustomize, the check stops and names the field.
 */
public class UnsupportedKustomizationException extends DeployCheckException {

  public UnsupportedKustomizationException(Path file, String what) {
    super(file + ": " + what + " is not supported by deploy-check's renderer (docs/deploy.md)");
  }
}
