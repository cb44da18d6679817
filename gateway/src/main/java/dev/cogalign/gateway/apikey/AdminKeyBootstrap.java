package dev.cogalign.gateway.apikey;

import dev.cogalign.gateway.security.GatewaySecurityProperties;
import dev.cogalign.serviceweb.internal.SecretFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The first admin key, at start. {@code cogalign.security.admin-key} ({@code COGALIGN_ADMIN_KEY}, a
 * Kubernetes Secret) is stored hashed when it is not stored yet. {@code
 * cogalign.security.admin-key-file} ({@code <data-dir>/admin.key} under {@code cogalign up}) holds
 * a working admin key afterwards: a missing file gets a fresh key (mode 0600), a key from the file
 * that is not stored yet (a new database) is stored, and a revoked one is replaced.
 */
@Component
class AdminKeyBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(AdminKeyBootstrap.class);

  private final ApiKeyService keys;
  private final GatewaySecurityProperties properties;

  AdminKeyBootstrap(ApiKeyService keys, GatewaySecurityProperties properties) {
    this.keys = keys;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!properties.adminKey().isEmpty()) {
      ApiKeySecrets.checkUsable(properties.adminKey(), "cogalign.security.admin-key");
      ApiKeyService.Stored stored =
          keys.storeAdminKey(properties.adminKey(), "admin (COGALIGN_ADMIN_KEY)");
      if (stored == ApiKeyService.Stored.REVOKED) {
        log.warn("The admin key of cogalign.security.admin-key was revoked; it stays revoked");
      } else if (stored == ApiKeyService.Stored.ADDED) {
        log.info("Stored the admin key of cogalign.security.admin-key");
      }
    }
    if (!properties.adminKeyFile().isEmpty()) {
      keepFileKey(Path.of(properties.adminKeyFile()).toAbsolutePath());
    }
  }

  private void keepFileKey(Path file) {
    String name = "admin (" + file.getFileName() + ")";
    if (Files.isRegularFile(file)) {
      String secret = SecretFiles.read(file);
      ApiKeySecrets.checkUsable(secret, file.toString());
      ApiKeyService.Stored stored = keys.storeAdminKey(secret, name);
      if (stored != ApiKeyService.Stored.REVOKED) {
        return;
      }
      log.info("The admin key in {} was revoked: writing a new one", file);
    }
    SecretFiles.write(file, keys.createAdminKey(name));
    log.info("Created an admin key in {} (mode 0600)", file);
  }
}
