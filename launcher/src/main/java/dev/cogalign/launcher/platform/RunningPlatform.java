package dev.cogalign.launcher.platform;

import dev.cogalign.serviceweb.internal.SecretFiles;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * A started platform, whether its services share this JVM ({@link Platform}) or each has its own
 * ({@link ProcessPlatform}): what its users need to reach it. Closing stops it.
 */
public interface RunningPlatform extends AutoCloseable {

  /** Every service's own URL (the gateway's too), in start order. */
  Map<Service, URI> urls();

  /** The gateway: the platform's one public entry. */
  default URI gatewayUrl() {
    return urls().get(Service.GATEWAY);
  }

  /** The launcher's data folder: the embedded PostgreSQL, the admin key, run files. */
  Path dataDirectory();

  /** {@code <data-dir>/admin.key}: a working admin key once the gateway has started. */
  default Path adminKeyFile() {
    return ServiceArguments.adminKeyFile(dataDirectory());
  }

  /** The admin key in {@link #adminKeyFile()}. */
  default String adminKey() {
    return SecretFiles.read(adminKeyFile());
  }

  /** This start's internal token, which the services require of {@code /api/**}. */
  String internalToken();

  DatabaseConnection database();

  /** Whether PostgreSQL runs embedded (started by this launcher). */
  boolean embeddedDatabase();

  /** Stops the services, last started first, then the embedded PostgreSQL. Idempotent. */
  @Override
  void close();
}
