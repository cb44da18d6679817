package dev.cogalign.deploycheck.kustomize;

import java.util.List;
import java.util.Map;

/**
 * A {@code configMapGenerator} entry as the renderer supports it: files become data keys named
 * after the file, with {@code options.disableNameSuffixHash: true} (required: the renderer does not
 * compute kustomize's hash suffix) and optional {@code options.labels}.
 *
 * @param name the ConfigMap's name
 * @param files paths relative to the kustomization's folder
 * @param labels labels of the generated ConfigMap
 */
public record ConfigMapGenerator(String name, List<String> files, Map<String, String> labels) {
  public ConfigMapGenerator {
    files = List.copyOf(files);
    labels = Map.copyOf(labels);
  }
}
