package dev.cogalign.deploycheck.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.deploycheck.Repository;
import dev.cogalign.deploycheck.compose.ComposeFile;
import dev.cogalign.deploycheck.kustomize.KustomizeRenderer;
import dev.cogalign.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageRulesTest {

  @Test
  void theDockerfileCopiesEveryModulesPomPinsItsBasesAndRunsAsANumericUser() {
    assertThat(ImageRules.dockerfile(Repository.find().root())).isEmpty();
  }

  @Test
  void aModuleMissingFromTheDependencyLayerAndAFloatingBaseAreReported(@TempDir Path tmp)
      throws IOException {
    Path root = Repository.find().root();
    Files.writeString(
        tmp.resolve("pom.xml"),
        Files.readString(root.resolve("pom.xml"))
            .replace(
                "<module>deploy-check</module>",
                "<module>deploy-check</module><module>new-service</module>"));
    Files.writeString(
        tmp.resolve("Dockerfile"),
        Files.readString(root.resolve("Dockerfile"))
            .replace("eclipse-temurin:17.0.16_8-jre-noble", "eclipse-temurin:17-jre")
            .replace("USER 10001:10001", "USER cogalign"));

    assertThat(ImageRules.dockerfile(tmp))
        .containsExactly(
            "Dockerfile: no COPY new-service/pom.xml for the dependency layer",
            "Dockerfile: base image eclipse-temurin:17-jre is not pinned to a version",
            "Dockerfile: the last USER is not a numeric non-root user");
  }

  @Test
  void composeAndEveryOverlayUsePinnedImages() {
    Repository repo = Repository.find();
    for (Map<String, Object> service : ComposeFile.read(repo.composeFile()).services().values()) {
      String image =
          String.valueOf(service.get("image")).replace("${COGALIGN_VERSION:-0.1.0}", "0.1.0");
      assertThat(ImageRules.pinned(image)).as(image).isTrue();
    }
    for (String overlay : Repository.OVERLAYS) {
      KustomizeRenderer.render(repo.overlay(overlay)).objects().stream()
          .flatMap(o -> images(o).stream())
          .forEach(
              image -> assertThat(ImageRules.pinned(image)).as(overlay + ": " + image).isTrue());
    }
  }

  @Test
  void composeAndTheLocalOverlayDeployThePostgresImageTheIntegrationTestsRunOn() {
    Repository repo = Repository.find();
    List<String> compose =
        ComposeFile.read(repo.composeFile()).services().values().stream()
            .map(service -> String.valueOf(service.get("image")))
            .filter(image -> image.startsWith("postgres:"))
            .toList();
    List<String> overlays =
        Repository.OVERLAYS.stream()
            .flatMap(o -> KustomizeRenderer.render(repo.overlay(o)).objects().stream())
            .flatMap(o -> images(o).stream())
            .filter(image -> image.startsWith("postgres:"))
            .toList();

    assertThat(compose).containsExactly(TestDatabase.POSTGRES_IMAGE);
    assertThat(overlays).isNotEmpty().containsOnly(TestDatabase.POSTGRES_IMAGE);
  }

  @Test
  void floatingTagsAreNotPinned() {
    assertThat(ImageRules.pinned("postgres:18")).isFalse();
    assertThat(ImageRules.pinned("ollama/ollama:latest")).isFalse();
    assertThat(ImageRules.pinned("cogalign/gateway")).isFalse();
    assertThat(ImageRules.pinned("postgres:18.1-bookworm")).isTrue();
    assertThat(ImageRules.pinned("cogalign/trainer-service:0.1.0-cuda")).isTrue();
  }

  @SuppressWarnings("unchecked")
  private static List<String> images(Map<String, Object> object) {
    if (!(object.get("spec") instanceof Map<?, ?> spec)
        || !(spec.get("template") instanceof Map<?, ?> template)) {
      return List.of();
    }
    Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) template).get("spec");
    return ((List<Map<String, Object>>) pod.get("containers"))
        .stream().map(c -> (String) c.get("image")).toList();
  }
}
