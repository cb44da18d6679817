package dev.cogalign.deploycheck.manifest;

import static dev.cogalign.deploycheck.manifest.RenderedOverlays.firstContainer;
import static dev.cogalign.deploycheck.manifest.RenderedOverlays.object;
import static dev.cogalign.deploycheck.manifest.RenderedOverlays.podSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.deploycheck.Repository;
import dev.cogalign.deploycheck.kustomize.KustomizeRenderer;
import dev.cogalign.deploycheck.kustomize.Rendering;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule bites: a defect planted in a rendered overlay is reported, naming the object. */
class PlantedDefectsTest {

  /** A defect, the overlay it is planted in, and the violation it must produce. */
  record Defect(
      String name, String overlay, Consumer<List<Map<String, Object>>> plant, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Defect> defects() {
    return Stream.of(
        new Defect(
            "liveness probe removed",
            "local",
            o -> container(o, "Deployment", "critic-service").remove("livenessProbe"),
            "Deployment/cogalign/critic-service container critic-service: no livenessProbe"),
        new Defect(
            "probe without a timeout",
            "local",
            o ->
                map(container(o, "Deployment", "gateway"), "readinessProbe")
                    .remove("timeoutSeconds"),
            "Deployment/cogalign/gateway container gateway: readinessProbe without timeoutSeconds"),
        new Defect(
            "PostgreSQL without resources",
            "local",
            o -> container(o, "StatefulSet", "postgres").remove("resources"),
            "StatefulSet/cogalign/postgres container postgres: requests no cpu and memory"),
        new Defect(
            "root allowed",
            "production",
            o ->
                map(podSpec(object(o, "Deployment", "pipeline-service")), "securityContext")
                    .remove("runAsNonRoot"),
            "Deployment/cogalign/pipeline-service: pod securityContext.runAsNonRoot is not true"),
        new Defect(
            "no seccomp profile",
            "production",
            o ->
                map(podSpec(object(o, "Deployment", "gateway")), "securityContext")
                    .remove("seccompProfile"),
            "Deployment/cogalign/gateway: pod securityContext.seccompProfile is not RuntimeDefault"),
        new Defect(
            "writable root",
            "local",
            o ->
                map(container(o, "Deployment", "verifier-service"), "securityContext")
                    .put("readOnlyRootFilesystem", false),
            "Deployment/cogalign/verifier-service container verifier-service: readOnlyRootFilesystem is not true"),
        new Defect(
            "capabilities kept",
            "local",
            o ->
                map(container(o, "Deployment", "rethink-service"), "securityContext")
                    .remove("capabilities"),
            "Deployment/cogalign/rethink-service container rethink-service: does not drop ALL capabilities"),
        new Defect(
            "privilege escalation",
            "gpu",
            o ->
                map(container(o, "Deployment", "trainer-worker"), "securityContext")
                    .put("allowPrivilegeEscalation", true),
            "Deployment/cogalign/trainer-worker container trainer-worker: allowPrivilegeEscalation is not false"),
        new Defect(
            "trainer without fsGroup",
            "local",
            o ->
                map(podSpec(object(o, "Deployment", "trainer-service")), "securityContext")
                    .remove("fsGroup"),
            "Deployment/cogalign/trainer-service: mounts a volume claim but sets no fsGroup (a non-root user cannot write it)"),
        new Defect(
            "default grace for a worker",
            "production",
            o ->
                podSpec(object(o, "Deployment", "trainer-worker"))
                    .remove("terminationGracePeriodSeconds"),
            "Deployment/cogalign/trainer-worker container trainer-worker: runs a trainer worker with a termination grace of 30 (default) s, not more than its 120 s checkpoint-and-hand-back"),
        new Defect(
            "trainer heap at 75%",
            "local",
            o ->
                env(o, "trainer-service", "JAVA_TOOL_OPTIONS")
                    .put("value", "-XX:MaxRAMPercentage=75 -Dai.djl.pytorch.num_threads=2"),
            "Deployment/cogalign/trainer-service container trainer-service: a trainer's heap must leave room for off-heap tensors (-XX:MaxRAMPercentage <= 50 in JAVA_TOOL_OPTIONS)"),
        new Defect(
            "pipeline on a LoadBalancer",
            "production",
            o -> map(object(o, "Service", "pipeline-service"), "spec").put("type", "LoadBalancer"),
            "Service/cogalign/pipeline-service: a LoadBalancer Service for something not the gateway"),
        new Defect(
            "Ingress to an agent",
            "production",
            o -> ingressBackend(o).put("name", "critic-service"),
            "Ingress/cogalign/gateway: a backend that is not the gateway's Service"),
        new Defect(
            "agents open to every pod",
            "local",
            o -> ingressRules(o, "agents-from-gateway-and-pipeline").get(0).remove("from"),
            "Deployment/cogalign/critic-service: reachable from [anywhere (NetworkPolicy/cogalign/agents-from-gateway-and-pipeline)], not only [gateway, pipeline-service]"),
        new Defect(
            "PostgreSQL open to an agent",
            "local",
            o ->
                fromPods(o, "postgres-from-gateway-pipeline-and-trainer")
                    .add(
                        Map.of(
                            "podSelector",
                            Map.of(
                                "matchLabels",
                                Map.of("app.kubernetes.io/name", "critic-service")))),
            "StatefulSet/cogalign/postgres: reachable from [critic-service], not only [gateway, pipeline-service, trainer-service, trainer-worker]"),
        new Defect(
            "PostgreSQL cut off from the gateway",
            "local",
            o -> fromPods(o, "postgres-from-gateway-pipeline-and-trainer").remove(0),
            "postgres is not reachable from gateway, which calls it"),
        new Defect(
            "agents cut off from the pipeline",
            "production",
            o -> fromPods(o, "agents-from-gateway-and-pipeline").remove(1),
            "critic-service is not reachable from pipeline-service, which calls it"),
        new Defect(
            "PostgreSQL cut off from the trainer",
            "local",
            o -> fromPods(o, "postgres-from-gateway-pipeline-and-trainer").remove(2),
            "postgres is not reachable from trainer-service, which calls it"),
        new Defect(
            "no default deny",
            "local",
            o -> o.remove(object(o, "NetworkPolicy", "default-deny-ingress")),
            "no NetworkPolicy denies ingress by default (podSelector {}, no rules)"),
        new Defect(
            "an agent without the internal token",
            "local",
            o ->
                envList(o, "critic-service")
                    .removeIf(e -> "COGALIGN_INTERNAL_TOKEN".equals(e.get("name"))),
            "Deployment/cogalign/critic-service container critic-service: COGALIGN_INTERNAL_TOKEN does not come from Secret cogalign-security key internal-token"),
        new Defect(
            "trainer workers' internal token optional",
            "gpu",
            o ->
                map(
                        map(env(o, "trainer-worker", "COGALIGN_INTERNAL_TOKEN"), "valueFrom"),
                        "secretKeyRef")
                    .put("optional", true),
            "Deployment/cogalign/trainer-worker container trainer-worker: COGALIGN_INTERNAL_TOKEN from Secret cogalign-security is optional"),
        new Defect(
            "the gateway's admin key from another Secret",
            "production",
            o ->
                map(map(env(o, "gateway", "COGALIGN_ADMIN_KEY"), "valueFrom"), "secretKeyRef")
                    .put("name", "cogalign-llm"),
            "Deployment/cogalign/gateway container gateway: COGALIGN_ADMIN_KEY does not come from Secret cogalign-security key admin-key"),
        new Defect(
            "the gateway without its database",
            "local",
            o -> envList(o, "gateway").removeIf(e -> "DATABASE_PASSWORD".equals(e.get("name"))),
            "Deployment/cogalign/gateway container gateway: DATABASE_PASSWORD does not come from Secret cogalign-database key password"),
        new Defect(
            "dangling secretKeyRef",
            "local",
            o ->
                map(map(env(o, "pipeline-service", "DATABASE_URL"), "valueFrom"), "secretKeyRef")
                    .put("name", "cogalign-db"),
            "Deployment/cogalign/pipeline-service container pipeline-service env DATABASE_URL: Secret cogalign-db (key url) is neither rendered nor declared external"),
        new Defect(
            "external Secret's undeclared key",
            "production",
            o ->
                map(map(env(o, "trainer-service", "DATABASE_USER"), "valueFrom"), "secretKeyRef")
                    .put("key", "user"),
            "Deployment/cogalign/trainer-service container trainer-service env DATABASE_USER: Secret cogalign-database (key user) is neither rendered nor declared external"),
        new Defect(
            "configMapKeyRef to a missing key",
            "gpu",
            o ->
                map(map(env(o, "gateway", "TRAINER_URL"), "valueFrom"), "configMapKeyRef")
                    .put("key", "TRAINER"),
            "Deployment/cogalign/gateway container gateway env TRAINER_URL: ConfigMap cogalign-services has no key TRAINER"),
        new Defect(
            "forwarded headers for the gateway through the shared ConfigMap",
            "local",
            o -> {
              map(object(o, "ConfigMap", "cogalign-services"), "data")
                  .put("SERVER_FORWARD_HEADERS_STRATEGY", "framework");
              container(o, "Deployment", "gateway")
                  .put(
                      "envFrom",
                      List.of(Map.of("configMapRef", Map.of("name", "cogalign-services"))));
            },
            "Deployment/cogalign/gateway container gateway: loads ConfigMap cogalign-services with SERVER_FORWARD_HEADERS_STRATEGY or GATEWAY_URL"),
        new Defect(
            "non-headless PostgreSQL Service",
            "local",
            o -> map(object(o, "Service", "postgres"), "spec").remove("clusterIP"),
            "StatefulSet/cogalign/postgres: serviceName postgres is not a headless Service"),
        new Defect(
            "GPU requested without a limit",
            "gpu",
            o ->
                map(map(container(o, "Deployment", "trainer-worker"), "resources"), "limits")
                    .remove("nvidia.com/gpu"),
            "Deployment/cogalign/trainer-worker container trainer-worker: requests nvidia.com/gpu without the same limit"),
        new Defect(
            "PDB selecting nothing",
            "production",
            o ->
                map(
                        map(map(object(o, "PodDisruptionBudget", "gateway"), "spec"), "selector"),
                        "matchLabels")
                    .put("app.kubernetes.io/name", "gw"),
            "PodDisruptionBudget/cogalign/gateway: selector {app.kubernetes.io/name=gw} matches no pod"));
  }

  @ParameterizedTest
  @MethodSource("defects")
  void aPlantedDefectIsReported(Defect defect) {
    Rendering clean = RenderedOverlays.render(defect.overlay());
    List<Map<String, Object>> objects = new ArrayList<>();
    clean.objects().forEach(o -> objects.add(deepCopy(o)));
    defect.plant().accept(objects);

    List<String> violations =
        ManifestCheck.violations(
            ManifestCheck.parse(new Rendering(objects, clean.externalSecrets())));

    assertThat(violations).contains(defect.expected());
  }

  @Test
  void aProbeDeletedFromTheBaseFilesFailsEveryOverlay(@TempDir Path tmp) throws IOException {
    Path k8s = copyTree(Repository.find().root().resolve("k8s"), tmp.resolve("k8s"));
    Path gateway = k8s.resolve("base/gateway.yaml");
    String yaml = Files.readString(gateway);
    String probe =
        """
                  readinessProbe:
                    httpGet: {path: /actuator/health/readiness, port: http}
                    periodSeconds: 5
                    timeoutSeconds: 3
                    failureThreshold: 3
        """;
    assertThat(yaml).contains(probe);
    Files.writeString(gateway, yaml.replace(probe, ""));

    for (String overlay : Repository.OVERLAYS) {
      Rendering rendering = KustomizeRenderer.render(k8s.resolve("overlays").resolve(overlay));
      assertThat(ManifestCheck.violations(ManifestCheck.parse(rendering)))
          .as(overlay)
          .containsExactly("Deployment/cogalign/gateway container gateway: no readinessProbe");
    }
  }

  private static Path copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  private static Map<String, Object> container(
      List<Map<String, Object>> o, String kind, String name) {
    return firstContainer(object(o, kind, name));
  }

  private static Map<String, Object> env(
      List<Map<String, Object>> o, String deployment, String name) {
    return envList(o, deployment).stream()
        .filter(e -> name.equals(e.get("name")))
        .findFirst()
        .orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> envList(List<Map<String, Object>> o, String deployment) {
    return (List<Map<String, Object>>) container(o, "Deployment", deployment).get("env");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> ingressRules(
      List<Map<String, Object>> o, String policy) {
    return (List<Map<String, Object>>)
        map(object(o, "NetworkPolicy", policy), "spec").get("ingress");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> fromPods(List<Map<String, Object>> o, String policy) {
    Map<String, Object> rule = ingressRules(o, policy).get(0);
    List<Object> from = new ArrayList<>((List<Object>) rule.get("from"));
    rule.put("from", from);
    return from;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> ingressBackend(List<Map<String, Object>> o) {
    Map<String, Object> rule =
        ((List<Map<String, Object>>) map(object(o, "Ingress", "gateway"), "spec").get("rules"))
            .get(0);
    Map<String, Object> path = ((List<Map<String, Object>>) map(rule, "http").get("paths")).get(0);
    return map(map(path, "backend"), "service");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach(
        (k, v) -> {
          if (v instanceof Map<?, ?> m) {
            copy.put(k, deepCopy((Map<String, Object>) m));
          } else if (v instanceof List<?> l) {
            List<Object> list = new ArrayList<>();
            l.forEach(
                e -> list.add(e instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : e));
            copy.put(k, list);
          } else {
            copy.put(k, v);
          }
        });
    return copy;
  }
}
