package dev.cogalign.deploycheck.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every Deployment and StatefulSet must have: readiness and liveness probes with a timeout,
 * CPU and memory requests and a memory limit, and the Pod Security "restricted" settings (non-root,
 * RuntimeDefault seccomp, no privilege escalation, every capability dropped, read-only root with
 * {@code /tmp} mounted, no host namespaces or paths). Trainer workers also get the grace period
 * their checkpoint-and-hand-back needs and a heap that leaves room for off-heap tensors.
 */
final class WorkloadRules {

  /** JobWorker.DEFAULT_SHUTDOWN_GRACE_SECONDS: how long a stopping worker may take to hand back. */
  static final long WORKER_HAND_BACK_SECONDS = 120;

  /** The most of a trainer container's memory limit its Java heap may take. */
  static final int TRAINER_MAX_RAM_PERCENTAGE = 50;

  private static final Pattern MAX_RAM = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)");

  private WorkloadRules() {}

  static List<String> check(Manifests manifests) {
    List<String> violations = new ArrayList<>();
    manifests.objects().stream()
        .filter(o -> Manifests.UNCHECKED_WORKLOADS.contains(o.getKind()))
        .forEach(o -> violations.add(Manifests.id(o) + ": a " + o.getKind() + " is not checked"));
    for (Workload w : manifests.workloads()) {
      pod(w, violations);
      for (Container c : w.containers()) {
        String at = w.id() + " container " + c.getName();
        probes(at, c, violations);
        resources(at, c.getResources(), violations);
        security(at, c.getSecurityContext(), violations);
        writableTmp(at, c, violations);
        if (Workload.isTrainerWorker(c)) {
          trainer(w, at, c, violations);
        }
      }
    }
    return violations;
  }

  private static void pod(Workload w, List<String> violations) {
    PodSpec pod = w.pod();
    PodSecurityContext sc = pod.getSecurityContext();
    if (sc == null || !Boolean.TRUE.equals(sc.getRunAsNonRoot())) {
      violations.add(w.id() + ": pod securityContext.runAsNonRoot is not true");
    }
    if (sc == null
        || sc.getSeccompProfile() == null
        || !"RuntimeDefault".equals(sc.getSeccompProfile().getType())) {
      violations.add(w.id() + ": pod securityContext.seccompProfile is not RuntimeDefault");
    }
    boolean claimsVolume =
        Objects.requireNonNullElse(pod.getVolumes(), List.<Volume>of()).stream()
            .anyMatch(v -> v.getPersistentVolumeClaim() != null);
    if ((claimsVolume || w.id().startsWith("StatefulSet/"))
        && (sc == null || sc.getFsGroup() == null)) {
      violations.add(
          w.id() + ": mounts a volume claim but sets no fsGroup (a non-root user cannot write it)");
    }
    if (Boolean.TRUE.equals(pod.getHostNetwork())
        || Boolean.TRUE.equals(pod.getHostPID())
        || Boolean.TRUE.equals(pod.getHostIPC())) {
      violations.add(w.id() + ": uses a host namespace");
    }
    Objects.requireNonNullElse(pod.getVolumes(), List.<Volume>of()).stream()
        .filter(v -> v.getHostPath() != null)
        .forEach(v -> violations.add(w.id() + ": hostPath volume " + v.getName()));
  }

  private static void probes(String at, Container c, List<String> violations) {
    probe(at, "readinessProbe", c.getReadinessProbe(), violations);
    probe(at, "livenessProbe", c.getLivenessProbe(), violations);
  }

  private static void probe(String at, String kind, Probe probe, List<String> violations) {
    if (probe == null) {
      violations.add(at + ": no " + kind);
    } else if (probe.getTimeoutSeconds() == null) {
      violations.add(at + ": " + kind + " without timeoutSeconds");
    }
  }

  private static void resources(String at, ResourceRequirements r, List<String> violations) {
    Map<String, Quantity> requests = r == null ? null : r.getRequests();
    Map<String, Quantity> limits = r == null ? null : r.getLimits();
    if (requests == null || !requests.containsKey("cpu") || !requests.containsKey("memory")) {
      violations.add(at + ": requests no cpu and memory");
    }
    if (limits == null || !limits.containsKey("memory")) {
      violations.add(at + ": sets no memory limit");
    }
    if (requests != null
        && requests.containsKey("nvidia.com/gpu")
        && (limits == null
            || !requests.get("nvidia.com/gpu").equals(limits.get("nvidia.com/gpu")))) {
      violations.add(at + ": requests nvidia.com/gpu without the same limit");
    }
  }

  private static void security(String at, SecurityContext sc, List<String> violations) {
    if (sc == null) {
      violations.add(at + ": no securityContext");
      return;
    }
    if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
      violations.add(at + ": allowPrivilegeEscalation is not false");
    }
    if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
      violations.add(at + ": readOnlyRootFilesystem is not true");
    }
    if (Boolean.TRUE.equals(sc.getPrivileged())) {
      violations.add(at + ": privileged");
    }
    if (sc.getCapabilities() == null
        || sc.getCapabilities().getDrop() == null
        || !sc.getCapabilities().getDrop().contains("ALL")) {
      violations.add(at + ": does not drop ALL capabilities");
    }
    if (sc.getCapabilities() != null
        && sc.getCapabilities().getAdd() != null
        && !sc.getCapabilities().getAdd().isEmpty()) {
      violations.add(at + ": adds capabilities " + sc.getCapabilities().getAdd());
    }
  }

  private static void writableTmp(String at, Container c, List<String> violations) {
    boolean tmp =
        Objects.requireNonNullElse(c.getVolumeMounts(), List.<VolumeMount>of()).stream()
            .anyMatch(m -> "/tmp".equals(m.getMountPath()));
    if (!tmp) {
      violations.add(at + ": read-only root without a volume on /tmp");
    }
  }

  private static void trainer(Workload w, String at, Container c, List<String> violations) {
    Long grace = w.pod().getTerminationGracePeriodSeconds();
    if (grace == null || grace <= WORKER_HAND_BACK_SECONDS) {
      violations.add(
          at
              + ": runs a trainer worker with a termination grace of "
              + (grace == null ? "30 (default)" : grace)
              + " s, not more than its "
              + WORKER_HAND_BACK_SECONDS
              + " s checkpoint-and-hand-back");
    }
    String options = Workload.env(c, "JAVA_TOOL_OPTIONS").orElse("");
    Matcher m = MAX_RAM.matcher(options);
    if (!m.find() || Integer.parseInt(m.group(1)) > TRAINER_MAX_RAM_PERCENTAGE) {
      violations.add(
          at
              + ": a trainer's heap must leave room for off-heap tensors (-XX:MaxRAMPercentage <= "
              + TRAINER_MAX_RAM_PERCENTAGE
              + " in JAVA_TOOL_OPTIONS)");
    }
    if (!options.contains("-Dai.djl.pytorch.num_threads=")) {
      violations.add(at + ": PyTorch's thread count is not set (ai.djl.pytorch.num_threads)");
    }
  }
}
