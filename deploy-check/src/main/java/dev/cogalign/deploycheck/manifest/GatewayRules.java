package dev.cogalign.deploycheck.manifest;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The gateway is the edge: it must not trust callers' {@code X-Forwarded-*} headers wholesale, so
 * it gets no {@code SERVER_FORWARD_HEADERS_STRATEGY}, neither in its env nor through a ConfigMap it
 * loads ({@code GATEWAY_TRUSTED_PROXIES} says whom it trusts). And no pod carries the unused {@code
 * GATEWAY_URL}.
 */
final class GatewayRules {

  static final String FORWARD_HEADERS = "SERVER_FORWARD_HEADERS_STRATEGY";

  private GatewayRules() {}

  static List<String> check(Manifests m) {
    List<String> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      for (Container c : w.containers()) {
        String at = w.id() + " container " + c.getName();
        if (Workload.env(c, "GATEWAY_URL").isPresent()) {
          violations.add(at + ": sets GATEWAY_URL, which nothing reads");
        }
        if (!w.isGateway()) {
          continue;
        }
        if (Workload.env(c, FORWARD_HEADERS).isPresent()) {
          violations.add(at + ": the gateway must not get " + FORWARD_HEADERS);
        }
        for (EnvFromSource from :
            Objects.requireNonNullElse(c.getEnvFrom(), List.<EnvFromSource>of())) {
          if (from.getConfigMapRef() == null) {
            continue;
          }
          ConfigMap cm = m.find(ConfigMap.class, w.namespace(), from.getConfigMapRef().getName());
          Map<String, String> data =
              cm == null ? Map.of() : Objects.requireNonNullElse(cm.getData(), Map.of());
          if (data.containsKey(FORWARD_HEADERS) || data.containsKey("GATEWAY_URL")) {
            violations.add(
                at
                    + ": loads ConfigMap "
                    + cm.getMetadata().getName()
                    + " with "
                    + FORWARD_HEADERS
                    + " or GATEWAY_URL");
          }
        }
      }
    }
    return violations;
  }
}
