package dev.cogalign.deploycheck.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform's secrets reach the containers that need them (docs/security.md): every CogAlign
 * container (a {@code cogalign/} image) reads {@value #INTERNAL_TOKEN} from Secret {@value
 * #SECURITY_SECRET}, without which its {@code /api/**} would be open to any pod; the gateway also
 * reads the first admin key from it and its database settings from {@value #DATABASE_SECRET} (it
 * keeps the API keys in PostgreSQL). Each from a {@code secretKeyRef} that is not optional: a
 * missing Secret must stop the pod, not start it unprotected.
 */
final class SecurityRules {

  static final String SECURITY_SECRET = "cogalign-security";
  static final String DATABASE_SECRET = "cogalign-database";
  static final String INTERNAL_TOKEN = "COGALIGN_INTERNAL_TOKEN";

  /** What the gateway reads, beyond the internal token: variable → Secret and key. */
  static final Map<String, List<String>> GATEWAY_SECRETS = gatewaySecrets();

  private SecurityRules() {}

  private static Map<String, List<String>> gatewaySecrets() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("COGALIGN_ADMIN_KEY", List.of(SECURITY_SECRET, "admin-key"));
    m.put("DATABASE_URL", List.of(DATABASE_SECRET, "url"));
    m.put("DATABASE_USER", List.of(DATABASE_SECRET, "username"));
    m.put("DATABASE_PASSWORD", List.of(DATABASE_SECRET, "password"));
    return m;
  }

  static List<String> check(Manifests m) {
    List<String> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      for (Container c : w.containers()) {
        if (c.getImage() == null || !c.getImage().startsWith("cogalign/")) {
          continue;
        }
        String at = w.id() + " container " + c.getName();
        fromSecret(at, c, INTERNAL_TOKEN, SECURITY_SECRET, "internal-token", violations);
        if (w.isGateway()) {
          GATEWAY_SECRETS.forEach(
              (name, ref) -> fromSecret(at, c, name, ref.get(0), ref.get(1), violations));
        }
      }
    }
    return violations;
  }

  private static void fromSecret(
      String at, Container c, String name, String secret, String key, List<String> violations) {
    Optional<EnvVar> env =
        Objects.requireNonNullElse(c.getEnv(), List.<EnvVar>of()).stream()
            .filter(e -> name.equals(e.getName()))
            .findFirst();
    SecretKeySelector ref =
        env.map(EnvVar::getValueFrom).map(v -> v.getSecretKeyRef()).orElse(null);
    if (ref == null || !secret.equals(ref.getName()) || !key.equals(ref.getKey())) {
      violations.add(at + ": " + name + " does not come from Secret " + secret + " key " + key);
    } else if (Boolean.TRUE.equals(ref.getOptional())) {
      violations.add(at + ": " + name + " from Secret " + secret + " is optional");
    }
  }
}
