package dev.cogalign.launcher.platform;

import dev.cogalign.trainer.worker.JobWorker;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole platform with every service in its own JVM ({@code cogalign up --processes}), as on
 * Kubernetes: PostgreSQL (embedded in this JVM unless an external one is given) and one {@code
 * cogalign service <name>} process per service, each {@link SupervisedService supervised}: a
 * process that dies is started again. The services get the same Spring arguments as in the one-JVM
 * {@link Platform}, except that the internal token and the database password travel in their
 * environment (a command line is visible to every user of the machine). Every port is fixed before
 * the first process starts (free ones picked when not configured), so a restarted service comes
 * back where the others call it.
 */
public final class ProcessPlatform implements RunningPlatform {
  /** How long the first start of every service may take (six JVMs starting on two cores). */
  static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

  /** Arguments that carry secrets, and the environment variables they travel in instead. */
  static final Map<String, String> SECRET_ARGUMENTS =
      Map.of(
          ServiceArguments.INTERNAL_TOKEN_PROPERTY,
          "COGALIGN_INTERNAL_TOKEN",
          "spring.datasource.password",
          "SPRING_DATASOURCE_PASSWORD");

  private final Map<Service, URI> urls = new EnumMap<>(Service.class);
  private final Map<Service, SupervisedService> services = new EnumMap<>(Service.class);
  private Path dataDirectory;
  private String internalToken;
  private EmbeddedDatabase embedded;
  private DatabaseConnection database;
  private boolean closed;

  private ProcessPlatform() {}

  /** Starts everything and waits until every service is ready, or stops what started and fails. */
  public static ProcessPlatform start(PlatformSettings settings) {
    ProcessPlatform platform = new ProcessPlatform();
    platform.dataDirectory = settings.dataDirectory();
    platform.internalToken = Platform.writeInternalToken(settings);
    Map<Service, Integer> ports = fixedPorts(settings);
    ports.forEach((service, port) -> platform.urls.put(service, Platform.url(port)));
    try {
      platform.embedded = Platform.startEmbeddedUnlessExternal(settings, ports.values());
      platform.database =
          platform.embedded == null ? settings.externalDatabase() : platform.embedded.connection();
      for (Service service : Service.values()) {
        SupervisedService supervised = platform.supervised(service, settings);
        platform.services.put(service, supervised);
        supervised.start();
      }
      for (SupervisedService supervised : platform.services.values()) {
        supervised.awaitReady(READY_TIMEOUT);
      }
      return platform;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      platform.close();
      throw new IllegalStateException("interrupted while the services started", e);
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  private SupervisedService supervised(Service service, PlatformSettings settings) {
    List<String> command = new ArrayList<>(JavaCommand.of(jvmOptions(service)));
    command.add("service");
    command.add(service.configName());
    command.add("--");
    Map<String, String> environment = new LinkedHashMap<>();
    for (String argument :
        ServiceArguments.commandLine(
            service,
            urls.get(service).getPort(),
            urls,
            database,
            dataDirectory,
            internalToken,
            settings.properties())) {
      String key = argument.substring(2, argument.indexOf('='));
      String variable = SECRET_ARGUMENTS.get(key);
      if (variable != null) {
        environment.put(variable, argument.substring(argument.indexOf('=') + 1));
      } else {
        command.add(argument);
      }
    }
    return new SupervisedService(service, command, environment, urls.get(service), dataDirectory);
  }

  /**
   * Heap by the service's work; a service out of memory exits, to be started again, rather than
   * limp on.
   */
  private static List<String> jvmOptions(Service service) {
    String heap =
        switch (service) {
          case TRAINER -> "-Xmx2g";
          case PIPELINE -> "-Xmx1g";
          default -> "-Xmx512m";
        };
    return List.of(heap, "-XX:+ExitOnOutOfMemoryError");
  }

  /**
   * Configured ports, and free ones (picked together, so no two alike, and outside the kernel's
   * ephemeral range: see {@link FreePorts}) where none is.
   */
  static Map<Service, Integer> fixedPorts(PlatformSettings settings) {
    Map<Service, Integer> ports = Platform.configuredPorts(settings);
    List<Service> unset = ports.keySet().stream().filter(s -> ports.get(s) == 0).toList();
    List<Integer> free = FreePorts.pick(unset.size(), Set.copyOf(ports.values()));
    for (int i = 0; i < unset.size(); i++) {
      ports.put(unset.get(i), free.get(i));
    }
    return ports;
  }

  /** The process of a service now running. */
  public long pid(Service service) {
    return services.get(service).pid();
  }

  /** How often a service's process was started again after it died. */
  public int restarts(Service service) {
    return services.get(service).restarts();
  }

  /** A service's log file ({@code <data-dir>/logs/<service>.log}). */
  public Path logFile(Service service) {
    return services.get(service).logFile();
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

  @Override
  public DatabaseConnection database() {
    return database;
  }

  @Override
  public boolean embeddedDatabase() {
    return embedded != null;
  }

  /**
   * Stops the services, the gateway first and the agents last (trainer-service is given the time
   * its running jobs need to checkpoint and go back to the queue), then the embedded PostgreSQL.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    services.values().forEach(SupervisedService::stopRestarting);
    List<Service> order = new ArrayList<>(services.keySet());
    Collections.reverse(order);
    for (Service service : order) {
      Duration grace =
          service == Service.TRAINER
              ? Duration.ofSeconds(JobWorker.DEFAULT_SHUTDOWN_GRACE_SECONDS + 10)
              : Duration.ofSeconds(30);
      services.get(service).close(grace);
    }
    services.clear();
    if (embedded != null) {
      embedded.close();
    }
  }
}
