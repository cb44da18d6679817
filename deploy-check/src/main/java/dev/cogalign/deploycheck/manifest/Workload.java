package dev.cogalign.deploycheck.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Deployment or StatefulSet: what the rules look at.
 *
 * @param id {@code kind/namespace/name}
 * @param namespace its namespace ({@code ""} when none)
 * @param name its name
 * @param template its pod template
 */
public record Workload(String id, String namespace, String name, PodTemplateSpec template) {

  public PodSpec pod() {
    return template.getSpec();
  }

  public List<Container> containers() {
    return pod().getContainers();
  }

  /** The pod template's labels. */
  public Map<String, String> labels() {
    return Objects.requireNonNullElse(template.getMetadata().getLabels(), Map.of());
  }

  /** A container's plain {@code env} value, when it sets one. */
  public static Optional<String> env(Container container, String name) {
    return Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of()).stream()
        .filter(e -> name.equals(e.getName()))
        .map(EnvVar::getValue)
        .filter(Objects::nonNull)
        .findFirst();
  }

  /** Whether this workload runs the gateway (the one public entry). */
  public boolean isGateway() {
    return "gateway".equals(labels().get("app.kubernetes.io/name"));
  }

  /**
   * Whether a container runs trainer-service's image with its job worker on (the default unless
   * {@code COGALIGN_TRAINER_WORKER_ENABLED=false}).
   */
  public static boolean isTrainerWorker(Container container) {
    return container.getImage() != null
        && container.getImage().contains("/trainer-service:")
        && !env(container, "COGALIGN_TRAINER_WORKER_ENABLED").orElse("true").equals("false");
  }
}
