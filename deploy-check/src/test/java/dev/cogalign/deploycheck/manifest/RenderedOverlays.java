package dev.cogalign.deploycheck.manifest;

import dev.cogalign.deploycheck.Repository;
import dev.cogalign.deploycheck.kustomize.KustomizeRenderer;
import dev.cogalign.deploycheck.kustomize.Rendering;
import java.util.List;
import java.util.Map;

/** The repository's overlays rendered, and helpers to plant a defect in a copy of one. */
final class RenderedOverlays {

  private RenderedOverlays() {}

  static Rendering render(String overlay) {
    return KustomizeRenderer.render(Repository.find().overlay(overlay));
  }

  /** The object with this kind and name (a copy the test may change). */
  static Map<String, Object> object(List<Map<String, Object>> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> kind.equals(o.get("kind")))
        .filter(o -> name.equals(((Map<?, ?>) o.get("metadata")).get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  /** The first container of a Deployment's or StatefulSet's pod template. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> firstContainer(Map<String, Object> workload) {
    Map<String, Object> spec = (Map<String, Object>) workload.get("spec");
    Map<String, Object> template = (Map<String, Object>) spec.get("template");
    Map<String, Object> podSpec = (Map<String, Object>) template.get("spec");
    return ((List<Map<String, Object>>) podSpec.get("containers")).get(0);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> podSpec(Map<String, Object> workload) {
    Map<String, Object> spec = (Map<String, Object>) workload.get("spec");
    return (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
  }
}
