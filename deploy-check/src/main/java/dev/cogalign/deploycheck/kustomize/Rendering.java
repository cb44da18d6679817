package dev.cogalign.deploycheck.kustomize;

import java.util.List;
import java.util.Map;

/**
 * What an overlay renders to: its objects as YAML trees (in kustomize's input order, not its output
 * order) and the Secrets it expects to exist outside them.
 */
public record Rendering(List<Map<String, Object>> objects, ExternalSecrets externalSecrets) {
  public Rendering {
    objects = List.copyOf(objects);
  }
}
