package dev.cogalign.launcher.platform;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How to run the platform.
 *
 * @param gatewayPort the gateway's port; 0 picks a free one
 * @param dataDirectory where the embedded PostgreSQL keeps its data (unused with an external
 *     database)
 * @param externalDatabase an existing PostgreSQL to use instead of the embedded one, or {@code
 *     null}
 * @param servicePortBase the first of the five consecutive ports of the services behind the gateway
 *     (critic, rethink, verifier, trainer, pipeline); 0 picks free ports
 * @param properties Spring properties given to every service, overriding their config files
 */
public record PlatformSettings(
    int gatewayPort,
    Path dataDirectory,
    DatabaseConnection externalDatabase,
    int servicePortBase,
    Map<String, String> properties) {
  /**
   * trainer-service's extra model roots ({@code cogalign.trainer.model-roots}, comma-separated).
   * The launcher always gives it the data folder and the shared {@code models} and {@code fixtures}
   * folders; a value in the properties is added to those, not put in their place.
   */
  public static final String MODEL_ROOTS_PROPERTY = "cogalign.trainer.model-roots";

  public static final int DEFAULT_GATEWAY_PORT = 8080;
  public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data");

  public PlatformSettings {
    checkPort("gateway port", gatewayPort);
    checkPort("service port base", servicePortBase);
    if (servicePortBase > 0 && servicePortBase + Service.values().length - 2 > 65535) {
      throw new IllegalArgumentException(
          "service port base " + servicePortBase + " leaves no room for the services");
    }
    Objects.requireNonNull(dataDirectory, "data directory");
    properties = Map.copyOf(properties);
  }

  private static void checkPort(String what, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(what + " " + port + " is not in 0..65535");
    }
  }
}
