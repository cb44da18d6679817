package dev.cogalign.launcher.platform;

import dev.cogalign.launcher.demo.SharedFolder;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Spring properties each service gets inside the launcher. All modules share one classpath
 * here, so a service must be kept from configuring what belongs to another: the database for the
 * services that own no schema, JPA for all but trainer-service, the gateway's proxy for all but the
 * gateway.
 */
final class ServiceArguments {

  /** Auto-configurations that would give a service without a schema a DataSource and Flyway. */
  static final List<String> DATABASE_AUTO_CONFIGURATIONS =
      List.of(
          "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
          "org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
          "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
          "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
          "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
          "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
          "org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
          "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
          "org.springframework.boot.flyway.autoconfigure.FlywayEndpointAutoConfiguration");

  /** The gateway's proxy, which would otherwise also customise every service's RestClient. */
  static final List<String> GATEWAY_AUTO_CONFIGURATIONS =
      List.of(
          "org.springframework.cloud.gateway.server.mvc.GatewayServerMvcAutoConfiguration",
          "org.springframework.cloud.gateway.server.mvc.GatewayMvcClassPathWarningAutoConfiguration",
          "org.springframework.cloud.gateway.server.mvc.filter.FilterAutoConfiguration",
          "org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctionAutoConfiguration",
          "org.springframework.cloud.gateway.server.mvc.handler.GatewayMultipartAutoConfiguration",
          "org.springframework.cloud.gateway.server.mvc.predicate.PredicateAutoConfiguration",
          "org.springframework.cloud.gateway.server.mvc.config.DefaultFunctionConfiguration");

  /**
   * Spring Data JPA, which only pipeline-service and trainer-service persist through: the others
   * (the gateway's keys, the agents without a database) would otherwise each start an empty
   * persistence unit.
   */
  static final List<String> JPA_AUTO_CONFIGURATIONS =
      List.of(
          "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
          "org.springframework.boot.hibernate.autoconfigure.metrics.HibernateMetricsAutoConfiguration",
          "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration");

  /** The platform's internal token (service-web's {@code InternalProperties}). */
  static final String INTERNAL_TOKEN_PROPERTY = "cogalign.internal.token";

  /** Where the gateway keeps a working admin key ({@code GatewaySecurityProperties}). */
  static final String ADMIN_KEY_FILE_PROPERTY = "cogalign.security.admin-key-file";

  /** Metrics and API documents open at the gateway ({@code GatewaySecurityProperties}). */
  static final String OPEN_DOCUMENTATION_PROPERTY = "cogalign.security.open-documentation";

  private ServiceArguments() {}

  /** {@code <data-dir>/admin.key}. */
  static Path adminKeyFile(Path dataDirectory) {
    return dataDirectory.resolve("admin.key");
  }

  /**
   * Properties that win over the service's own config file and the environment: its port (0: a free
   * one), the internal token ({@code null}: none given, the environment's applies), the URLs of the
   * peers known so far (started, or on a configured port), its database, for the gateway where its
   * admin key file is, and the user's overrides.
   */
  static List<String> commandLine(
      Service service,
      int port,
      Map<Service, URI> urls,
      DatabaseConnection database,
      Path dataDirectory,
      String internalToken,
      Map<String, String> overrides) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("server.port", String.valueOf(port));
    if (internalToken != null) {
      // the gateway sends it, every service requires it of /api/** and sends it to the others
      properties.put(INTERNAL_TOKEN_PROPERTY, internalToken);
    }
    if (service == Service.GATEWAY) {
      properties.put(
          ADMIN_KEY_FILE_PROPERTY, adminKeyFile(dataDirectory).toAbsolutePath().toString());
      // one machine, its user's: metrics and the Swagger UI without a key
      properties.put(OPEN_DOCUMENTATION_PROPERTY, "true");
    }
    urls.forEach((peer, url) -> properties.put(peer.urlProperty(), url.toString()));
    if (service == Service.PIPELINE) {
      // pipeline-service calls the agents directly (cogalign.agents.*, AgentsProperties)
      properties.put("cogalign.agents.critic-url", peer(urls, Service.CRITIC, service));
      properties.put("cogalign.agents.rethink-url", peer(urls, Service.RETHINK, service));
      properties.put("cogalign.agents.verifier-url", peer(urls, Service.VERIFIER, service));
    }
    if (service == Service.TRAINER) {
      // trainer-service pulls run exports from pipeline-service and keeps models beside the data
      properties.put("cogalign.trainer.pipeline-url", peer(urls, Service.PIPELINE, service));
      properties.put(
          "cogalign.trainer.storage-dir",
          dataDirectory.resolve("trainer").toAbsolutePath().toString());
    }
    List<String> excluded = new ArrayList<>();
    if (service.usesDatabase()) {
      properties.put("spring.datasource.url", database.url());
      properties.put("spring.datasource.username", database.username());
      properties.put("spring.datasource.password", database.password());
    } else {
      excluded.addAll(DATABASE_AUTO_CONFIGURATIONS);
    }
    if (service != Service.TRAINER && service != Service.PIPELINE) {
      excluded.addAll(JPA_AUTO_CONFIGURATIONS);
    }
    if (service != Service.GATEWAY) {
      excluded.addAll(GATEWAY_AUTO_CONFIGURATIONS);
    }
    if (!excluded.isEmpty()) {
      properties.put("spring.autoconfigure.exclude", String.join(",", excluded));
    }
    properties.putAll(overrides);
    if (service == Service.TRAINER) {
      properties.put(
          PlatformSettings.MODEL_ROOTS_PROPERTY,
          modelRoots(dataDirectory, overrides.get(PlatformSettings.MODEL_ROOTS_PROPERTY)));
    }
    List<String> args = new ArrayList<>();
    properties.forEach((key, value) -> args.add("--" + key + "=" + value));
    return args;
  }

  /**
   * The folders model paths may name under the launcher: the data folder (the trainer's storage,
   * the demo's and the experiment's outputs), the shared {@code models} and {@code fixtures}
   * folders when there is one, and {@code extra} (comma-separated, may be null).
   */
  static String modelRoots(Path dataDirectory, String extra) {
    List<String> roots = new ArrayList<>();
    roots.add(dataDirectory.toAbsolutePath().normalize().toString());
    SharedFolder.locate()
        .ifPresent(
            shared -> {
              roots.add(shared.resolve("models").toString());
              roots.add(shared.resolve("fixtures").toString());
            });
    if (extra != null && !extra.isBlank()) {
      roots.add(extra);
    }
    return String.join(",", roots);
  }

  private static String peer(Map<Service, URI> urls, Service peer, Service caller) {
    URI url = urls.get(peer);
    if (url == null) {
      throw new IllegalStateException(
          caller.configName() + " needs " + peer.configName() + ", which has not started yet");
    }
    return url.toString();
  }

  /**
   * Defaults below the service's own config file: its config name, quieter logs with several
   * services in one console, and, for a service that owns a schema, where its Flyway migrations
   * live ({@code db/migration/<schema>}: the classpath is shared, so the default location would mix
   * the services' migrations).
   */
  static Map<String, Object> defaults(Service service) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("spring.config.name", service.configName());
    defaults.put("logging.level.root", "WARN");
    defaults.put("logging.level.dev.cogalign", "INFO");
    defaults.put("logging.level.org.springdoc", "ERROR");
    defaults.put("logging.include-application-name", "false");
    if (service != Service.GATEWAY) {
      // behind the gateway: links and OpenAPI "servers" name the gateway (X-Forwarded-* headers)
      defaults.put("server.forward-headers-strategy", "framework");
    }
    if (service.usesDatabase()) {
      defaults.put("spring.flyway.schemas", service.schema());
      defaults.put("spring.flyway.default-schema", service.schema());
      defaults.put("spring.flyway.locations", "classpath:db/migration/" + service.schema());
    }
    return defaults;
  }
}
