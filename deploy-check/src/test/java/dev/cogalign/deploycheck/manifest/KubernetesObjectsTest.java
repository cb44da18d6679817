package dev.cogalign.deploycheck.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cogalign.deploycheck.Repository;
import dev.cogalign.deploycheck.kustomize.Rendering;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class KubernetesObjectsTest {

  static final List<String> OVERLAYS = Repository.OVERLAYS;

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyObjectOfEveryOverlayReadsIntoTheKubernetesModel(String overlay) {
    Rendering rendering = RenderedOverlays.render(overlay);

    List<HasMetadata> parsed = KubernetesObjects.parse(rendering.objects());

    assertThat(parsed).hasSameSizeAs(rendering.objects());
    assertThat(parsed)
        .filteredOn(o -> o.getKind().equals("Deployment"))
        .allMatch(Deployment.class::isInstance);
  }

  @Test
  void theServiceMonitorIsReadAsThePrometheusOperatorsType() {
    List<HasMetadata> parsed =
        KubernetesObjects.parse(RenderedOverlays.render("production").objects());
    assertThat(parsed).filteredOn(ServiceMonitor.class::isInstance).hasSize(1);
  }

  @Test
  void aMisspeltFieldFailsNamingItsPath() {
    List<Map<String, Object>> objects = new ArrayList<>(RenderedOverlays.render("local").objects());
    Map<String, Object> container =
        RenderedOverlays.firstContainer(RenderedOverlays.object(objects, "Deployment", "gateway"));
    container.put("readinesProbe", container.remove("readinessProbe"));

    InvalidManifestException e =
        catchThrowableOfType(
            InvalidManifestException.class, () -> KubernetesObjects.parse(objects));

    assertThat(e.problems())
        .containsExactly(
            "Deployment/cogalign/gateway: unknown field spec.template.spec.containers[0].readinesProbe");
  }

  @Test
  void aValueOfTheWrongTypeFails() {
    List<Map<String, Object>> objects = new ArrayList<>(RenderedOverlays.render("local").objects());
    @SuppressWarnings("unchecked")
    Map<String, Object> spec =
        (Map<String, Object>) RenderedOverlays.object(objects, "Deployment", "gateway").get("spec");
    spec.put("replicas", "two");

    InvalidManifestException e =
        catchThrowableOfType(
            InvalidManifestException.class, () -> KubernetesObjects.parse(objects));

    assertThat(e.problems()).singleElement().asString().startsWith("Deployment/cogalign/gateway: ");
  }

  @Test
  void aKindTheModelDoesNotKnowFails() {
    List<Map<String, Object>> objects = new ArrayList<>(RenderedOverlays.render("local").objects());
    RenderedOverlays.object(objects, "Deployment", "gateway").put("kind", "Deploymnet");

    InvalidManifestException e =
        catchThrowableOfType(
            InvalidManifestException.class, () -> KubernetesObjects.parse(objects));

    assertThat(e.problems())
        .containsExactly(
            "Deploymnet/cogalign/gateway: the Kubernetes model has no apps/v1 Deploymnet");
  }
}
