package dev.cogalign.deploycheck.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.cogalign.deploycheck.Repository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Compose's own validation of docker-compose.yml ({@code docker-compose config}, which needs no
 * container engine), where the {@code docker-compose} command is installed; skipped elsewhere.
 */
class DockerComposeConfigTest {

  @Test
  void dockerComposeAcceptsTheFileWithAndWithoutTheLlmProfile() throws Exception {
    Path composeCommand = onPath("docker-compose");
    assumeThat(composeCommand).as("docker-compose on PATH").isNotNull();
    Path file = Repository.find().composeFile();

    assertThat(run(composeCommand, "-f", file.toString(), "config", "-q")).isEmpty();
    assertThat(
            run(composeCommand, "-f", file.toString(), "--profile", "llm", "config", "--services")
                .lines())
        .contains("postgres", "gateway", "trainer-service", "ollama");
  }

  private static String run(Path command, String... args) throws IOException, InterruptedException {
    List<String> line = new java.util.ArrayList<>(List.of(command.toString()));
    line.addAll(List.of(args));
    Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(String.join(" ", line) + ":\n" + out).isZero();
    return out;
  }

  private static Path onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
