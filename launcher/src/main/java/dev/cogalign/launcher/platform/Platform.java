package dev.cogalign.launcher.platform;

import dev.cogalign.serviceweb.internal.SecretFiles;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform in this JVM: PostgreSQL (embedded unless an external one is given) and every
 * service as its own Spring application context on its own port, wired to each other's URLs.
 * Services without a configured port bind a free one (port 0) and the next services are given the
 * port it got, so no port is picked in advance for another process to take; only trainer-service,
 * which pipeline-service (started before it) calls, has its port picked in advance, outside the
 * kernel's ephemeral range ({@link FreePorts}). Each start makes a fresh internal token (written to
 * {@code <data-dir>/run/internal-token}, mode 0600, for tools on this machine) that the services
 * require of each other; the gateway keeps a working admin key in {@code <data-dir>/admin.key}.
 * Closing stops the services in reverse start order, then PostgreSQL.
 */
public final class Platform implements RunningPlatform {

  private static final Logger log = LoggerFactory.getLogger(Platform.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<Service, URI> urls = new EnumMap<>(Service.class);
  private final List<ConfigurableApplicationContext> started = new ArrayList<>();
  private Path dataDirectory;
  private String internalToken;
  private EmbeddedDatabase embedded;
  private DatabaseConnection database;
  private boolean closed;

  private Platform() {}

  /** Starts everything, or nothing: a service that fails to start stops what already runs. */
  public static Platform start(PlatformSettings settings) {
    Map<Service, Integer> ports = configuredPorts(settings);
    // pipeline-service starts before trainer-service but calls it (the student critic scores CoTs
    // with the student model): a trainer on a free port gets it now, so pipeline knows its URL
    if (ports.get(Service.TRAINER) == 0) {
      ports.put(Service.TRAINER, FreePorts.pick(1, Set.copyOf(ports.values())).get(0));
    }
    Platform platform = new Platform();
    platform.dataDirectory = settings.dataDirectory();
    platform.internalToken = writeInternalToken(settings);
    ports.forEach(
        (service, port) -> {
          if (port > 0) {
            platform.urls.put(service, url(port));
          }
        });
    try {
      platform.embedded = startEmbeddedUnlessExternal(settings, ports.values());
      platform.database =
          platform.embedded == null ? settings.externalDatabase() : platform.embedded.connection();
      for (Service service : Service.values()) {
        platform.startService(service, ports.get(service), settings);
      }
      return platform;
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  /**
   * trainer-service alone, as one more worker of a running platform's queue: it uses that
   * platform's database and pipeline-service (with its internal token, {@code null} if it has
   * none), on a free port of its own.
   */
  public static Platform startTrainerWorker(
      DatabaseConnection database,
      URI pipeline,
      Path dataDirectory,
      String internalToken,
      Map<String, String> properties) {
    Platform platform = new Platform();
    platform.database = database;
    platform.dataDirectory = dataDirectory;
    platform.internalToken = internalToken;
    platform.urls.put(Service.PIPELINE, pipeline);
    try {
      platform.startService(
          Service.TRAINER, 0, new PlatformSettings(0, dataDirectory, database, 0, properties));
      return platform;
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  @Override
  public Map<Service, URI> urls() {
    return Collections.unmodifiableMap(urls);
  }

  @Override
  public Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public String internalToken() {
    return internalToken;
  }

  /** {@code <data-dir>/run/internal-token}. */
  public static Path internalTokenFile(Path dataDirectory) {
    return dataDirectory.resolve("run").resolve("internal-token");
  }

  @Override
  public DatabaseConnection database() {
    return database;
  }

  @Override
  public boolean embeddedDatabase() {
    return embedded != null;
  }

  /**
   * This start's internal token (the one the properties give, else a fresh one), written to {@link
   * #internalTokenFile} (mode 0600).
   */
  static String writeInternalToken(PlatformSettings settings) {
    String token =
        settings
            .properties()
            .getOrDefault(ServiceArguments.INTERNAL_TOKEN_PROPERTY, newInternalToken());
    SecretFiles.write(internalTokenFile(settings.dataDirectory()), token);
    return token;
  }

  /**
   * The embedded PostgreSQL on {@code <data-dir>/postgres}, on a free port none of {@code
   * servicePorts} (the ports already given to the services), or {@code null} with an external one.
   */
  static EmbeddedDatabase startEmbeddedUnlessExternal(
      PlatformSettings settings, Collection<Integer> servicePorts) {
    if (settings.externalDatabase() != null) {
      return null;
    }
    EmbeddedDatabase embedded =
        EmbeddedDatabase.start(
            settings.dataDirectory().resolve("postgres"),
            FreePorts.pick(1, Set.copyOf(servicePorts)).get(0));
    log.info(
        "Embedded PostgreSQL on port {} with data in {}",
        embedded.port(),
        settings.dataDirectory());
    return embedded;
  }

  private void startService(Service service, int port, PlatformSettings settings) {
    log.info("Starting {} on {}", service.configName(), port > 0 ? "port " + port : "a free port");
    ConfigurableApplicationContext context =
        service.start(
            ServiceArguments.commandLine(
                service,
                port,
                urls,
                database,
                settings.dataDirectory(),
                internalToken,
                settings.properties()),
            false);
    started.add(context);
    int bound = ((WebServerApplicationContext) context).getWebServer().getPort();
    urls.put(service, url(bound));
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (RuntimeException e) {
        log.warn("A service did not stop cleanly", e);
      }
    }
    started.clear();
    if (embedded != null) {
      embedded.close();
    }
  }

  /** Each service's configured port, 0 where it binds a free one; no port given twice. */
  static Map<Service, Integer> configuredPorts(PlatformSettings settings) {
    Map<Service, Integer> ports = new EnumMap<>(Service.class);
    Map<Integer, Service> owners = new HashMap<>();
    for (Service service : Service.values()) {
      int port;
      if (service == Service.GATEWAY) {
        port = settings.gatewayPort();
      } else {
        port =
            settings.servicePortBase() > 0 ? settings.servicePortBase() + service.portOffset() : 0;
      }
      if (port > 0 && owners.putIfAbsent(port, service) != null) {
        throw new IllegalArgumentException(
            "port "
                + port
                + " is given to both "
                + owners.get(port).configName()
                + " and "
                + service.configName());
      }
      ports.put(service, port);
    }
    return ports;
  }

  private static String newInternalToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  static URI url(int port) {
    return URI.create("http://localhost:" + port);
  }
}
