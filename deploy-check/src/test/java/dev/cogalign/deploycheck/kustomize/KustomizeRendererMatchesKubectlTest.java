package dev.cogalign.deploycheck.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.cogalign.deploycheck.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The renderer against the real thing: where {@code kubectl} is installed (it embeds kustomize),
 * every overlay renders to exactly the objects {@code kubectl kustomize} prints. Skipped where it
 * is not (CI), where the other tests still check the renderer's own output.
 */
class KustomizeRendererMatchesKubectlTest {

  static final List<String> OVERLAYS = Repository.OVERLAYS;

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void rendersTheSameObjectsAsKubectlKustomize(String overlay, @TempDir Path tmp)
      throws IOException, InterruptedException {
    assumeThat(kubectl()).as("kubectl on PATH").isNotNull();
    Path dir = Repository.find().overlay(overlay);
    Path out = tmp.resolve(overlay + ".yaml");
    Process process =
        new ProcessBuilder(kubectl().toString(), "kustomize", dir.toString())
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("kubectl kustomize exit status").isZero();

    Map<String, Map<String, Object>> expected = byId(YamlDocuments.read(out));
    Map<String, Map<String, Object>> actual = byId(KustomizeRenderer.render(dir).objects());

    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((id, object) -> assertThat(actual.get(id)).as(id).isEqualTo(object));
  }

  private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> objects) {
    Map<String, Map<String, Object>> byId = new TreeMap<>();
    objects.forEach(o -> byId.put(KustomizeRenderer.id(o), o));
    return byId;
  }

  private static Path kubectl() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, "kubectl");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
