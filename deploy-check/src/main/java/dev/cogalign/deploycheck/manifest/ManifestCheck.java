package dev.cogalign.deploycheck.manifest;

import dev.cogalign.deploycheck.kustomize.Rendering;
import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An overlay's rendering parsed into the Kubernetes model and held to every rule. */
public final class ManifestCheck {

  private ManifestCheck() {}

  /** The overlay's objects in the model; fails on unknown kinds, fields or value types. */
  public static Manifests parse(Rendering rendering) {
    return new Manifests(KubernetesObjects.parse(rendering.objects()), rendering.externalSecrets());
  }

  /** Every rule broken, one line each naming the object; empty when all hold. */
  public static List<String> violations(Manifests manifests) {
    List<String> violations = new ArrayList<>();
    violations.addAll(WorkloadRules.check(manifests));
    violations.addAll(ExposureRules.check(manifests));
    violations.addAll(ReferenceRules.check(manifests));
    violations.addAll(GatewayRules.check(manifests));
    violations.addAll(SecurityRules.check(manifests));
    return violations;
  }

  /** The workloads with a container requesting {@code nvidia.com/gpu}. */
  public static List<String> gpuWorkloads(Manifests manifests) {
    List<String> ids = new ArrayList<>();
    for (Workload w : manifests.workloads()) {
      for (Container c : w.containers()) {
        if (c.getResources() != null
            && Objects.requireNonNullElse(c.getResources().getRequests(), Map.of())
                .containsKey("nvidia.com/gpu")) {
          ids.add(w.id());
        }
      }
    }
    return ids;
  }
}
