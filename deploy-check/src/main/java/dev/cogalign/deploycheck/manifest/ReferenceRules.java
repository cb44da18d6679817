package dev.cogalign.deploycheck.manifest;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every name an object uses points at something: {@code secretKeyRef}/{@code configMapKeyRef} at a
 * rendered Secret/ConfigMap holding the key (or, for a Secret, one the overlay declares in
 * external-secrets.txt with that key, optional or not), {@code envFrom} and volumes at existing
 * objects, Services, PDBs and HPAs at workloads, an Ingress at its Service and TLS Secret, a
 * StatefulSet at its headless Service.
 */
final class ReferenceRules {

  private ReferenceRules() {}

  static List<String> check(Manifests m) {
    List<String> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      for (Volume v : Objects.requireNonNullElse(w.pod().getVolumes(), List.<Volume>of())) {
        volume(m, w, v, violations);
      }
      for (Container c : w.containers()) {
        String at = w.id() + " container " + c.getName();
        for (EnvVar e : Objects.requireNonNullElse(c.getEnv(), List.<EnvVar>of())) {
          if (e.getValueFrom() != null) {
            secretKey(
                m,
                w.namespace(),
                at + " env " + e.getName(),
                e.getValueFrom().getSecretKeyRef(),
                violations);
            configMapKey(
                m,
                w.namespace(),
                at + " env " + e.getName(),
                e.getValueFrom().getConfigMapKeyRef(),
                violations);
          }
        }
        for (EnvFromSource from :
            Objects.requireNonNullElse(c.getEnvFrom(), List.<EnvFromSource>of())) {
          if (from.getConfigMapRef() != null
              && m.find(ConfigMap.class, w.namespace(), from.getConfigMapRef().getName()) == null) {
            violations.add(
                at + ": envFrom ConfigMap " + from.getConfigMapRef().getName() + " does not exist");
          }
          if (from.getSecretRef() != null
              && !secretExists(m, w.namespace(), from.getSecretRef().getName())) {
            violations.add(
                at + ": envFrom Secret " + from.getSecretRef().getName() + " does not exist");
          }
        }
      }
    }
    for (Service s : m.all(Service.class)) {
      selects(m, Manifests.id(s), Manifests.namespaceOf(s), s.getSpec().getSelector(), violations);
    }
    for (PodDisruptionBudget pdb : m.all(PodDisruptionBudget.class)) {
      Map<String, String> labels = pdb.getSpec().getSelector().getMatchLabels();
      selects(m, Manifests.id(pdb), Manifests.namespaceOf(pdb), labels, violations);
    }
    for (HorizontalPodAutoscaler hpa : m.all(HorizontalPodAutoscaler.class)) {
      String target = hpa.getSpec().getScaleTargetRef().getName();
      if (m.workloads().stream()
          .noneMatch(
              w -> w.name().equals(target) && w.namespace().equals(Manifests.namespaceOf(hpa)))) {
        violations.add(Manifests.id(hpa) + ": scales " + target + ", which does not exist");
      }
    }
    for (Ingress ingress : m.all(Ingress.class)) {
      String ns = Manifests.namespaceOf(ingress);
      for (IngressTLS tls :
          Objects.requireNonNullElse(ingress.getSpec().getTls(), List.<IngressTLS>of())) {
        if (!secretExists(m, ns, tls.getSecretName())) {
          violations.add(
              Manifests.id(ingress) + ": TLS Secret " + tls.getSecretName() + " does not exist");
        }
      }
      ingress.getSpec().getRules().stream()
          .flatMap(r -> r.getHttp().getPaths().stream())
          .map(p -> p.getBackend().getService())
          .filter(b -> b != null && m.find(Service.class, ns, b.getName()) == null)
          .forEach(
              b ->
                  violations.add(
                      Manifests.id(ingress) + ": Service " + b.getName() + " does not exist"));
    }
    for (StatefulSet s : m.all(StatefulSet.class)) {
      Service service =
          m.find(Service.class, Manifests.namespaceOf(s), s.getSpec().getServiceName());
      if (service == null || !"None".equals(service.getSpec().getClusterIP())) {
        violations.add(
            Manifests.id(s)
                + ": serviceName "
                + s.getSpec().getServiceName()
                + " is not a headless Service");
      }
    }
    return violations;
  }

  private static void volume(Manifests m, Workload w, Volume v, List<String> violations) {
    String at = w.id() + " volume " + v.getName();
    if (v.getConfigMap() != null
        && m.find(ConfigMap.class, w.namespace(), v.getConfigMap().getName()) == null) {
      violations.add(at + ": ConfigMap " + v.getConfigMap().getName() + " does not exist");
    }
    if (v.getSecret() != null && !secretExists(m, w.namespace(), v.getSecret().getSecretName())) {
      violations.add(at + ": Secret " + v.getSecret().getSecretName() + " does not exist");
    }
    if (v.getPersistentVolumeClaim() != null
        && m.find(
                PersistentVolumeClaim.class,
                w.namespace(),
                v.getPersistentVolumeClaim().getClaimName())
            == null) {
      violations.add(
          at
              + ": PersistentVolumeClaim "
              + v.getPersistentVolumeClaim().getClaimName()
              + " does not exist");
    }
  }

  private static void secretKey(
      Manifests m, String ns, String at, SecretKeySelector ref, List<String> violations) {
    if (ref == null) {
      return;
    }
    Secret secret = m.find(Secret.class, ns, ref.getName());
    if (secret != null) {
      boolean has =
          Objects.requireNonNullElse(secret.getData(), Map.of()).containsKey(ref.getKey())
              || Objects.requireNonNullElse(secret.getStringData(), Map.of())
                  .containsKey(ref.getKey());
      if (!has) {
        violations.add(at + ": Secret " + ref.getName() + " has no key " + ref.getKey());
      }
    } else if (!m.externalSecrets().declares(ref.getName(), ref.getKey())) {
      violations.add(
          at
              + ": Secret "
              + ref.getName()
              + " (key "
              + ref.getKey()
              + ") is neither rendered nor declared external");
    }
  }

  private static void configMapKey(
      Manifests m, String ns, String at, ConfigMapKeySelector ref, List<String> violations) {
    if (ref == null) {
      return;
    }
    ConfigMap configMap = m.find(ConfigMap.class, ns, ref.getName());
    if (configMap == null) {
      violations.add(at + ": ConfigMap " + ref.getName() + " does not exist");
    } else if (!Objects.requireNonNullElse(configMap.getData(), Map.of())
        .containsKey(ref.getKey())) {
      violations.add(at + ": ConfigMap " + ref.getName() + " has no key " + ref.getKey());
    }
  }

  private static boolean secretExists(Manifests m, String ns, String name) {
    return m.find(Secret.class, ns, name) != null || m.externalSecrets().keys().containsKey(name);
  }

  private static void selects(
      Manifests m, String id, String ns, Map<String, String> selector, List<String> violations) {
    if (selector == null || selector.isEmpty()) {
      violations.add(id + ": selects nothing in particular (no selector)");
      return;
    }
    boolean any =
        m.workloads().stream()
            .filter(w -> w.namespace().equals(ns))
            .anyMatch(w -> w.labels().entrySet().containsAll(selector.entrySet()));
    if (!any) {
      violations.add(id + ": selector " + selector + " matches no pod");
    }
  }
}
