package dev.cogalign.deploycheck.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Only the gateway is exposed: no LoadBalancer, NodePort or host port but the gateway's, Ingress
 * backends are the gateway, and the NetworkPolicies deny by default and let each pod be reached
 * only by its callers in the architecture ({@link #CALLERS}), Prometheus from the {@value
 * #MONITORING} namespace excepted, while every call the platform makes ({@link #CALLS}) stays
 * allowed.
 */
final class ExposureRules {

  static final String MONITORING = "monitoring";

  static final String GATEWAY = "gateway";

  /** Who calls whom: the pods (by app.kubernetes.io/name) each pod may be reached from. */
  static final Map<String, Set<String>> CALLERS =
      Map.of(
          "critic-service", Set.of(GATEWAY, "pipeline-service"),
          "rethink-service", Set.of(GATEWAY, "pipeline-service"),
          "verifier-service", Set.of(GATEWAY, "pipeline-service"),
          "pipeline-service", Set.of(GATEWAY, "trainer-service", "trainer-worker"),
          "trainer-service", Set.of(GATEWAY, "pipeline-service"),
          "trainer-worker", Set.of(),
          "postgres", Set.of(GATEWAY, "pipeline-service", "trainer-service", "trainer-worker"));

  /** The calls the platform makes (caller → callee); a policy must not cut one of them. */
  static final Map<String, Set<String>> CALLS =
      Map.of(
          GATEWAY,
          Set.of(
              "pipeline-service",
              "critic-service",
              "rethink-service",
              "verifier-service",
              "trainer-service",
              // its API keys (schema gateway)
              "postgres"),
          "pipeline-service",
          Set.of("critic-service", "rethink-service", "verifier-service", "postgres"),
          "trainer-service",
          Set.of("pipeline-service", "postgres"),
          "trainer-worker",
          Set.of("postgres"));

  private ExposureRules() {}

  static List<String> check(Manifests manifests) {
    List<String> violations = new ArrayList<>();
    for (Service s : manifests.all(Service.class)) {
      String type = Objects.requireNonNullElse(s.getSpec().getType(), "ClusterIP");
      Map<String, String> selector =
          Objects.requireNonNullElse(s.getSpec().getSelector(), Map.of());
      if (!type.equals("ClusterIP") && !GATEWAY.equals(selector.get("app.kubernetes.io/name"))) {
        violations.add(Manifests.id(s) + ": a " + type + " Service for something not the gateway");
      }
    }
    for (Ingress ingress : manifests.all(Ingress.class)) {
      for (IngressBackend backend : backends(ingress)) {
        if (backend.getService() == null || !GATEWAY.equals(backend.getService().getName())) {
          violations.add(Manifests.id(ingress) + ": a backend that is not the gateway's Service");
        }
      }
    }
    for (Workload w : manifests.workloads()) {
      for (Container c : w.containers()) {
        for (ContainerPort p : Objects.requireNonNullElse(c.getPorts(), List.<ContainerPort>of())) {
          if (p.getHostPort() != null) {
            violations.add(w.id() + " container " + c.getName() + ": hostPort " + p.getHostPort());
          }
        }
      }
    }
    networkPolicies(manifests, violations);
    return violations;
  }

  private static void networkPolicies(Manifests manifests, List<String> violations) {
    List<NetworkPolicy> policies = manifests.all(NetworkPolicy.class);
    boolean defaultDeny =
        policies.stream()
            .anyMatch(
                p ->
                    Selectors.isEmpty(p.getSpec().getPodSelector())
                        && Objects.requireNonNullElse(p.getSpec().getPolicyTypes(), List.of())
                            .contains("Ingress")
                        && Objects.requireNonNullElse(p.getSpec().getIngress(), List.of())
                            .isEmpty());
    if (!defaultDeny) {
      violations.add("no NetworkPolicy denies ingress by default (podSelector {}, no rules)");
    }
    Map<String, Set<String>> reachable = new HashMap<>();
    for (Workload target : manifests.workloads()) {
      String name = target.labels().get("app.kubernetes.io/name");
      if (GATEWAY.equals(name)) {
        continue;
      }
      Set<String> allowed = CALLERS.get(name);
      if (allowed == null) {
        violations.add(target.id() + ": its callers are not known to deploy-check (ExposureRules)");
        continue;
      }
      Set<String> reachableFrom = new TreeSet<>();
      for (NetworkPolicy p : policies) {
        if (!Selectors.matches(p.getSpec().getPodSelector(), target.labels())) {
          continue;
        }
        for (NetworkPolicyIngressRule rule :
            Objects.requireNonNullElse(
                p.getSpec().getIngress(), List.<NetworkPolicyIngressRule>of())) {
          List<NetworkPolicyPeer> from = Objects.requireNonNullElse(rule.getFrom(), List.of());
          if (from.isEmpty()) {
            reachableFrom.add("anywhere (" + Manifests.id(p) + ")");
          }
          for (NetworkPolicyPeer peer : from) {
            reachableFrom.addAll(sources(peer, p, manifests));
          }
        }
      }
      reachable.put(name, new TreeSet<>(reachableFrom));
      reachableFrom.removeAll(allowed);
      reachableFrom.remove("namespace " + MONITORING);
      if (!reachableFrom.isEmpty()) {
        violations.add(
            target.id()
                + ": reachable from "
                + reachableFrom
                + ", not only "
                + new TreeSet<>(allowed));
      }
    }
    CALLS.forEach(
        (caller, callees) -> {
          for (String callee : callees) {
            if (reachable.containsKey(callee)
                && present(manifests, caller)
                && !reachable.get(callee).contains(caller)) {
              violations.add(callee + " is not reachable from " + caller + ", which calls it");
            }
          }
        });
  }

  private static boolean present(Manifests manifests, String name) {
    return manifests.workloads().stream()
        .anyMatch(w -> name.equals(w.labels().get("app.kubernetes.io/name")));
  }

  private static List<String> sources(
      NetworkPolicyPeer peer, NetworkPolicy p, Manifests manifests) {
    if (peer.getIpBlock() != null) {
      return List.of("ipBlock " + peer.getIpBlock().getCidr() + " (" + Manifests.id(p) + ")");
    }
    if (peer.getNamespaceSelector() != null) {
      Map<String, String> labels =
          Objects.requireNonNullElse(peer.getNamespaceSelector().getMatchLabels(), Map.of());
      boolean monitoring =
          peer.getPodSelector() == null
              && Objects.requireNonNullElse(
                      peer.getNamespaceSelector().getMatchExpressions(), List.of())
                  .isEmpty()
              && labels.equals(Map.of("kubernetes.io/metadata.name", MONITORING));
      return List.of(
          monitoring ? "namespace " + MONITORING : "other namespaces (" + Manifests.id(p) + ")");
    }
    List<String> names = new ArrayList<>();
    for (Workload w : manifests.workloads()) {
      if (Selectors.matches(peer.getPodSelector(), w.labels())) {
        names.add(w.labels().get("app.kubernetes.io/name"));
      }
    }
    return names;
  }

  private static List<IngressBackend> backends(Ingress ingress) {
    List<IngressBackend> backends = new ArrayList<>();
    if (ingress.getSpec().getDefaultBackend() != null) {
      backends.add(ingress.getSpec().getDefaultBackend());
    }
    for (IngressRule rule :
        Objects.requireNonNullElse(ingress.getSpec().getRules(), List.<IngressRule>of())) {
      if (rule.getHttp() != null) {
        for (HTTPIngressPath path : rule.getHttp().getPaths()) {
          backends.add(path.getBackend());
        }
      }
    }
    return backends;
  }
}
