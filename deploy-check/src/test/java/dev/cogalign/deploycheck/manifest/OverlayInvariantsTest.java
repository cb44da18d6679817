package dev.cogalign.deploycheck.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.deploycheck.Repository;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The repository's overlays, rendered and parsed, hold every rule and their own promises. */
class OverlayInvariantsTest {

  static final List<String> OVERLAYS = Repository.OVERLAYS;

  private static Manifests manifests(String overlay) {
    return ManifestCheck.parse(RenderedOverlays.render(overlay));
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyOverlayHoldsEveryRule(String overlay) {
    Manifests manifests = manifests(overlay);

    assertThat(ManifestCheck.violations(manifests)).isEmpty();
    assertThat(manifests.workloads()).hasSizeGreaterThanOrEqualTo(6);
  }

  @Test
  void onlyTheGpuOverlayRequestsAGpuForItsTrainerWorkers() {
    assertThat(ManifestCheck.gpuWorkloads(manifests("gpu")))
        .containsExactly("Deployment/cogalign/trainer-worker");
    assertThat(ManifestCheck.gpuWorkloads(manifests("production"))).isEmpty();
    assertThat(ManifestCheck.gpuWorkloads(manifests("local"))).isEmpty();
  }

  @Test
  void theGpuWorkersRunTheCudaImageOnGpuNodes() {
    Deployment workers = manifests("gpu").find(Deployment.class, "cogalign", "trainer-worker");
    var pod = workers.getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers().get(0).getImage()).endsWith("-cuda");
    assertThat(pod.getNodeSelector()).containsKey("nvidia.com/gpu.present");
    assertThat(pod.getTolerations()).anyMatch(t -> "nvidia.com/gpu".equals(t.getKey()));
  }

  @Test
  void productionRunsTwoPipelinesAndSplitsTheTrainerIntoApiAndWorkers() {
    Manifests production = manifests("production");
    assertThat(
            production
                .find(Deployment.class, "cogalign", "pipeline-service")
                .getSpec()
                .getReplicas())
        .isEqualTo(2);
    Container api =
        production
            .find(Deployment.class, "cogalign", "trainer-service")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    Container worker =
        production
            .find(Deployment.class, "cogalign", "trainer-worker")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    assertThat(Workload.env(api, "COGALIGN_TRAINER_WORKER_ENABLED")).contains("false");
    assertThat(Workload.env(worker, "COGALIGN_TRAINER_WORKER_ENABLED")).contains("true");
    assertThat(Workload.isTrainerWorker(api)).isFalse();
    assertThat(Workload.isTrainerWorker(worker)).isTrue();
  }

  @Test
  void theLocalPostgresqlIsAStatefulSetBehindItsHeadlessService() {
    Manifests local = manifests("local");
    StatefulSet postgres = local.find(StatefulSet.class, "cogalign", "postgres");
    Service service = local.find(Service.class, "cogalign", postgres.getSpec().getServiceName());
    assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
  }
}
