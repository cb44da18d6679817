package dev.cogalign.deploycheck.manifest;

import dev.cogalign.deploycheck.kustomize.ExternalSecrets;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One overlay's objects in the Kubernetes model, and the Secrets it expects from outside.
 *
 * @param objects every rendered object
 * @param externalSecrets Secrets referenced but provisioned outside the manifests
 */
public record Manifests(List<HasMetadata> objects, ExternalSecrets externalSecrets) {

  /** Pod-making kinds the rules do not cover; an overlay holding one fails rather than pass. */
  static final Set<String> UNCHECKED_WORKLOADS =
      Set.of("Pod", "ReplicaSet", "DaemonSet", "Job", "CronJob", "ReplicationController");

  public Manifests {
    objects = List.copyOf(objects);
  }

  /** Every object of this type. */
  public <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The object of this type and name in {@code namespace}, or {@code null}. */
  public <T extends HasMetadata> T find(Class<T> type, String namespace, String name) {
    return all(type).stream()
        .filter(o -> name.equals(o.getMetadata().getName()))
        .filter(o -> Objects.equals(namespaceOf(o), namespace))
        .findFirst()
        .orElse(null);
  }

  /** The Deployments and StatefulSets. */
  public List<Workload> workloads() {
    List<Workload> workloads = new ArrayList<>();
    for (Deployment d : all(Deployment.class)) {
      workloads.add(
          new Workload(
              id(d), namespaceOf(d), d.getMetadata().getName(), d.getSpec().getTemplate()));
    }
    for (StatefulSet s : all(StatefulSet.class)) {
      workloads.add(
          new Workload(
              id(s), namespaceOf(s), s.getMetadata().getName(), s.getSpec().getTemplate()));
    }
    return workloads;
  }

  /** {@code kind/namespace/name}. */
  public static String id(HasMetadata o) {
    return o.getKind() + "/" + namespaceOf(o) + "/" + o.getMetadata().getName();
  }

  static String namespaceOf(HasMetadata o) {
    return Objects.requireNonNullElse(o.getMetadata().getNamespace(), "");
  }
}
