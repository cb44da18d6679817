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
import org.junit.jupiter.api.io.TempDir;

/**
 * Compose's own validation of docker-compose.yml ({@code docker-compose config}, which needs no
 * container engine), where the {@code docker-compose} command is installed; skipped elsewhere. The
 * secrets come from an env file of the test's own, never from a developer's {@code .env}.
 */
class DockerComposeConfigTest {

  private static final String SECRETS =
      """
      COGALIGN_INTERNAL_TOKEN=test-internal-token-0123456789abcdef0123456789
      COGALIGN_ADMIN_KEY=cog_test-admin-key-0123456789abcdef0123456789
      """;

  @Test
  void dockerComposeAcceptsTheFileWithAndWithoutTheLlmProfile(@TempDir Path tmp) throws Exception {
    Path composeCommand = onPath("docker-compose");
    assumeThat(composeCommand).as("docker-compose on PATH").isNotNull();
    Path file = Repository.find().composeFile();
    Path env = Files.writeString(tmp.resolve("secrets.env"), SECRETS);

    assertThat(
            run(
                composeCommand,
                0,
                "--env-file",
                env.toString(),
                "-f",
                file.toString(),
                "config",
                "-q"))
        .isEmpty();
    assertThat(
            run(
                    composeCommand,
                    0,
                    "--env-file",
                    env.toString(),
                    "-f",
                    file.toString(),
                    "--profile",
                    "llm",
                    "config",
                    "--services")
                .lines())
        .contains("postgres", "gateway", "trainer-service", "ollama");
  }

  @Test
  void dockerComposeRefusesTheFileWithoutTheSecrets(@TempDir Path tmp) throws Exception {
    Path composeCommand = onPath("docker-compose");
    assumeThat(composeCommand).as("docker-compose on PATH").isNotNull();
    Path file = Repository.find().composeFile();
    Path noToken =
        Files.writeString(
            tmp.resolve("no-token.env"),
            SECRETS.replaceAll("(?m)^COGALIGN_INTERNAL_TOKEN=.*\n", ""));
    Path noAdminKey =
        Files.writeString(
            tmp.resolve("no-admin-key.env"),
            SECRETS.replaceAll("(?m)^COGALIGN_ADMIN_KEY=.*\n", ""));

    assertThat(
            run(
                composeCommand,
                1,
                "--env-file",
                noToken.toString(),
                "-f",
                file.toString(),
                "config",
                "-q"))
        .contains("\": set it in .env, e.g. openssl rand -hex 32");
    assertThat(
            run(
                composeCommand,
                1,
                "--env-file",
                noAdminKey.toString(),
                "-f",
                file.toString(),
                "config",
                "-q"))
        .contains("in service \"gateway\": set it in .env, e.g. cog_");
  }

  /**
   * The command's output; it must exit with {@code status}. Secrets from the environment are not
   * passed on.
   */
  private static String run(Path command, int status, String... args)
      throws IOException, InterruptedException {
    List<String> line = new java.util.ArrayList<>(List.of(command.toString()));
    line.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("COGALIGN_"));
    Process p = builder.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(String.join(" ", line) + ":\n" + out).isEqualTo(status);
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
