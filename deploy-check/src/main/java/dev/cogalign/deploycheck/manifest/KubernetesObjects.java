package dev.cogalign.deploycheck.manifest;

import dev.cogalign.deploycheck.kustomize.KustomizeRenderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads rendered objects into the fabric8 Kubernetes model: the class registered for each object's
 * {@code apiVersion} and {@code kind} (a kind the model does not know fails), every field known to
 * that class with a value of its type (anything else fails, see {@link UnknownFields}).
 */
public final class KubernetesObjects {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private KubernetesObjects() {}

  /** The typed objects, in order; fails listing every problem of every object. */
  public static List<HasMetadata> parse(List<Map<String, Object>> objects) {
    List<HasMetadata> parsed = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Map<String, Object> object : objects) {
      String id = KustomizeRenderer.id(object);
      String apiVersion = String.valueOf(object.get("apiVersion"));
      String kind = String.valueOf(object.get("kind"));
      Class<? extends KubernetesResource> type =
          SERIALIZATION.getRegisteredKubernetesResource(apiVersion, kind);
      if (type == null || !HasMetadata.class.isAssignableFrom(type)) {
        problems.add(id + ": the Kubernetes model has no " + apiVersion + " " + kind);
        continue;
      }
      HasMetadata typed;
      try {
        typed = (HasMetadata) SERIALIZATION.convertValue(object, type);
      } catch (RuntimeException e) {
        problems.add(id + ": " + e.getMessage());
        continue;
      }
      UnknownFields.of(typed).forEach(field -> problems.add(id + ": unknown field " + field));
      parsed.add(typed);
    }
    if (!problems.isEmpty()) {
      throw new InvalidManifestException(problems);
    }
    return parsed;
  }
}
