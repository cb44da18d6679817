package dev.cogalign.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.gateway.GatewayApplication;
import dev.cogalign.gateway.TestProperties;
import dev.cogalign.gateway.security.GatewaySecurityProperties;
import dev.cogalign.gateway.security.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The first admin key from a file or from the environment, on embedded PostgreSQL. */
@SpringBootTest(properties = "spring.config.name=" + GatewayApplication.CONFIG_NAME)
class AdminKeyBootstrapIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestProperties.database(registry);
  }

  @Autowired ApiKeyService keys;
  @TempDir Path dir;

  private void bootstrap(String adminKey, Path file) {
    new AdminKeyBootstrap(
            keys,
            new GatewaySecurityProperties(
                adminKey, file == null ? "" : file.toString(), null, null, null, null))
        .run(null);
  }

  @Test
  void writesAWorkingAdminKeyOwnerOnlyWhenTheFileIsMissingAndKeepsIt() throws Exception {
    Path file = dir.resolve("admin.key");

    bootstrap("", file);
    String secret = Files.readString(file).strip();
    bootstrap("", file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file).strip()).isEqualTo(secret);
    assertThat(keys.authenticate(secret))
        .hasValueSatisfying(k -> assertThat(k.scopes()).containsExactly(Scope.ADMIN));
  }

  @Test
  void replacesARevokedFileKeyAndStoresOneTheDatabaseDoesNotKnow() throws Exception {
    Path file = dir.resolve("admin.key");
    bootstrap("", file);
    String revoked = Files.readString(file).strip();
    keys.revoke(keys.authenticate(revoked).orElseThrow().id());

    bootstrap("", file);
    String replaced = Files.readString(file).strip();
    Files.writeString(file, "cog_brought-from-another-database-0123456789abcdef\n");
    bootstrap("", file);

    assertThat(replaced).isNotEqualTo(revoked);
    assertThat(keys.authenticate(revoked)).isEmpty();
    assertThat(keys.authenticate(replaced)).isPresent();
    assertThat(keys.authenticate("cog_brought-from-another-database-0123456789abcdef")).isPresent();
  }

  @Test
  void storesTheEnvironmentsAdminKeyOnceAndKeepsItRevokedOnceRevoked() {
    String secret = "cog_from-a-kubernetes-secret-0123456789abcdefghij";
    bootstrap(secret, null);
    bootstrap(secret, null);
    long id = keys.authenticate(secret).orElseThrow().id();
    assertThat(keys.list().stream().filter(k -> k.id() == id)).hasSize(1);

    keys.revoke(id);
    bootstrap(secret, null);

    assertThat(keys.authenticate(secret)).isEmpty();
  }

  @Test
  void refusesAnEnvironmentAdminKeyTooShortToBeSafe() {
    assertThatThrownBy(() -> bootstrap("cog_short", null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least 32 characters");
  }
}
