package dev.cogalign.launcher.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform in this JVM: PostgreSQL (embedded unless an external one is given) and every
 * service as its own Spring application context on its own port, wired to each other's URLs.
 * Closing stops the services in reverse start order, then PostgreSQL.
 */
public final class Platform implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Platform.class);

  private final Map<Service, URI> urls;
  private final List<ConfigurableApplicationContext> started = new ArrayList<>();
  private EmbeddedDatabase embedded;
  private DatabaseConnection database;
  private boolean closed;

  private Platform(Map<Service, URI> urls) {
    this.urls = Collections.unmodifiableMap(urls);
  }

  /** Starts everything, or nothing: a service that fails to start stops what already runs. */
  public static Platform start(PlatformSettings settings) {
    Platform platform = new Platform(assignUrls(settings));
    try {
      platform.startDatabase(settings);
      for (Service service : Service.values()) {
        platform.startService(service, settings);
      }
      return platform;
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  /** The gateway: the platform's one public entry. */
  public URI gatewayUrl() {
    return urls.get(Service.GATEWAY);
  }

  /** Every service's own URL (the gateway's too). */
  public Map<Service, URI> urls() {
    return urls;
  }

  public DatabaseConnection database() {
    return database;
  }

  /** Whether PostgreSQL runs embedded in this JVM. */
  public boolean embeddedDatabase() {
    return embedded != null;
  }

  private void startDatabase(PlatformSettings settings) {
    if (settings.externalDatabase() != null) {
      database = settings.externalDatabase();
      return;
    }
    embedded = EmbeddedDatabase.start(settings.dataDirectory().resolve("postgres"));
    database = embedded.connection();
    log.info(
        "Embedded PostgreSQL on port {} with data in {}",
        embedded.port(),
        settings.dataDirectory());
  }

  private void startService(Service service, PlatformSettings settings) {
    log.info("Starting {} on {}", service.configName(), urls.get(service));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(service.application())
            .main(service.application())
            .properties(ServiceArguments.defaults(service))
            .bannerMode(Banner.Mode.OFF)
            .registerShutdownHook(false)
            .run(
                ServiceArguments.commandLine(
                        service, urls, database, settings.dataDirectory(), settings.properties())
                    .toArray(String[]::new));
    started.add(context);
  }

  /** Stops the services (last started first), then the embedded PostgreSQL. Idempotent. */
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

  private static Map<Service, URI> assignUrls(PlatformSettings settings) {
    Map<Service, URI> urls = new EnumMap<>(Service.class);
    Set<Integer> taken = new HashSet<>();
    for (Service service : Service.values()) {
      int port;
      if (service == Service.GATEWAY) {
        port = settings.gatewayPort();
      } else {
        port =
            settings.servicePortBase() > 0 ? settings.servicePortBase() + service.portOffset() : 0;
      }
      if (port == 0) {
        port = freePort(taken);
      }
      if (!taken.add(port)) {
        throw new IllegalArgumentException(
            "port " + port + " of " + service.configName() + " is given to two services");
      }
      urls.put(service, URI.create("http://localhost:" + port));
    }
    return urls;
  }

  private static int freePort(Set<Integer> taken) {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0)) {
        if (!taken.contains(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("no free port", e);
      }
    }
  }
}
