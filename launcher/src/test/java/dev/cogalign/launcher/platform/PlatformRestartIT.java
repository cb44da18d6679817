package dev.cogalign.launcher.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.launcher.CogAlignCli;
import dev.cogalign.launcher.up.UpCommand;
import dev.cogalign.testsupport.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code cogalign up} for real: embedded PostgreSQL on a fresh data directory and every service in
 * this JVM on free ports; the first start writes an admin key and an internal token (mode 0600);
 * without a key the gateway answers 401, and every service refuses a direct call without the
 * internal token; a dataset created through the gateway, and the admin key, are still there after a
 * stop and a start on the same directory, with a new internal token.
 */
class PlatformRestartIT {

  /** A request to each service's own API, refused without the internal token. */
  private static final Map<Service, String> OWN_API =
      Map.of(
          Service.PIPELINE, "/api/v1/datasets",
          Service.CRITIC, "/api/v1/critiques",
          Service.RETHINK, "/api/v1/rethinks",
          Service.VERIFIER, "/api/v1/verifications",
          Service.TRAINER, "/api/v1/jobs");

  @TempDir Path dataDirectory;

  @Test
  void keepsDatasetAndAdminKeyAcrossRestartAndRefusesCallsWithoutKeyOrToken() throws Exception {
    PlatformSettings settings = upSettings("--port", "0", "--data-dir", dataDirectory.toString());

    String datasetId;
    String adminKey;
    String firstToken;
    try (Platform platform = Platform.start(settings)) {
      assertThat(platform.embeddedDatabase()).isTrue();
      assertThat(ownerOnly(platform.adminKeyFile())).isTrue();
      assertThat(ownerOnly(Platform.internalTokenFile(dataDirectory))).isTrue();
      adminKey = platform.adminKey();
      firstToken = Files.readString(Platform.internalTokenFile(dataDirectory)).strip();
      assertThat(firstToken).isEqualTo(platform.internalToken());

      Http anonymous = new Http(platform.gatewayUrl().toString());
      Http.Response health = anonymous.get("/actuator/health");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().get("status").asString()).isEqualTo("UP");
      Http.Response noKey = anonymous.get("/api/v1/datasets");
      assertThat(noKey.status()).isEqualTo(401);
      assertThat(noKey.contentType()).startsWith("application/problem+json");

      for (Service service : Service.values()) {
        Http own = new Http(platform.urls().get(service).toString());
        assertThat(own.get("/actuator/health").status()).as(service.configName()).isEqualTo(200);
        if (service != Service.GATEWAY) {
          Http.Response direct = own.withKey(adminKey).postJson(OWN_API.get(service), Map.of());
          assertThat(direct.status()).as(service.configName()).isEqualTo(401);
          assertThat(direct.contentType()).startsWith("application/problem+json");
        }
      }

      Http admin = anonymous.withKey(adminKey);
      for (String path : new String[] {"/api/v1/jobs", "/api/v1/models"}) {
        Http.Response trainer = admin.get(path);
        assertThat(trainer.status()).as(path + " " + trainer.body()).isEqualTo(200);
      }
      Http.Response created =
          admin.postJson("/api/v1/datasets", Map.of("name", "survives-restart"));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      datasetId = created.json().get("id").asString();
    }

    try (Platform platform = Platform.start(settings)) {
      assertThat(platform.adminKey()).isEqualTo(adminKey);
      assertThat(platform.internalToken()).isNotEqualTo(firstToken);
      Http.Response found =
          new Http(platform.gatewayUrl().toString())
              .withKey(adminKey)
              .get("/api/v1/datasets/" + datasetId);
      assertThat(found.status()).as(found.body()).isEqualTo(200);
      assertThat(found.json().get("name").asString()).isEqualTo("survives-restart");
    }
  }

  private static boolean ownerOnly(Path file) throws Exception {
    return Files.getPosixFilePermissions(file)
        .equals(java.util.Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
  }

  private static PlatformSettings upSettings(String... args) {
    CommandLine cli = CogAlignCli.commandLine();
    CommandLine.ParseResult parsed = cli.parseArgs(prepend("up", args));
    UpCommand up = (UpCommand) parsed.subcommand().commandSpec().userObject();
    return up.settings();
  }

  private static String[] prepend(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
