package dev.cogalign.launcher.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service in its own JVM, kept running: when its process dies (killed, crashed, out of memory)
 * it is started again with the same command after a back-off that doubles from {@link
 * #FIRST_BACKOFF} to {@link #LONGEST_BACKOFF} while restarts come quickly, and starts over once a
 * process has lived {@link #STABLE}. Its pid is in {@code <data-dir>/run/<service>.pid}, its output
 * appended to {@code <data-dir>/logs/<service>.log}.
 */
final class SupervisedService implements AutoCloseable {
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);
  static final Duration STABLE = Duration.ofSeconds(60);
  private static final Logger log = LoggerFactory.getLogger(SupervisedService.class);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Service service;
  private final List<String> command;
  private final Map<String, String> environment;
  private final URI url;
  private final Path pidFile;
  private final Path logFile;
  private final AtomicInteger restarts = new AtomicInteger();
  private volatile Process process;
  private volatile boolean stopping;
  private Thread watcher;

  SupervisedService(
      Service service,
      List<String> command,
      Map<String, String> environment,
      URI url,
      Path dataDirectory) {
    this.service = service;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.url = url;
    this.pidFile = pidFile(dataDirectory, service);
    this.logFile = dataDirectory.resolve("logs").resolve(service.configName() + ".log");
  }

  /** {@code <data-dir>/run/<service>.pid}. */
  static Path pidFile(Path dataDirectory, Service service) {
    return dataDirectory.resolve("run").resolve(service.configName() + ".pid");
  }

  /** Starts the first process and the watcher that restarts it. */
  void start() {
    stopLeftover();
    launch();
    watcher = new Thread(this::supervise, "cogalign-supervise-" + service.configName());
    watcher.setDaemon(true);
    watcher.start();
  }

  /**
   * Waits until the service answers its readiness probe; fails if its first process exits (with the
   * end of its log) or {@code timeout} passes.
   */
  void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest probe =
        HttpRequest.newBuilder(url.resolve("/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(5))
            .build();
    while (System.nanoTime() < deadline) {
      if (restarts.get() == 0 && !process.isAlive()) {
        throw new IllegalStateException(
            service.configName()
                + " exited while starting; the end of "
                + logFile
                + ":\n"
                + tail());
      }
      try {
        if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        service.configName() + " was not ready within " + timeout + "; see " + logFile);
  }

  /** The running process's pid. */
  long pid() {
    return process.pid();
  }

  /** How often the process was started again. */
  int restarts() {
    return restarts.get();
  }

  Path logFile() {
    return logFile;
  }

  private void supervise() {
    Duration backoff = FIRST_BACKOFF;
    while (!stopping) {
      Process running = process;
      long began = System.nanoTime();
      int exit;
      try {
        exit = running.waitFor();
      } catch (InterruptedException e) {
        return; // closing
      }
      if (stopping) {
        return;
      }
      if (Duration.ofNanos(System.nanoTime() - began).compareTo(STABLE) >= 0) {
        backoff = FIRST_BACKOFF;
      }
      log.warn(
          "{} (pid {}) exited with status {}; starting it again in {}",
          service.configName(),
          running.pid(),
          exit,
          backoff);
      try {
        Thread.sleep(backoff.toMillis());
        if (!stopping) {
          launch();
          restarts.incrementAndGet();
          log.warn("{} started again: pid {}", service.configName(), process.pid());
        }
      } catch (InterruptedException e) {
        return;
      } catch (UncheckedIOException e) {
        log.error("{} could not be started again: {}", service.configName(), e.getMessage());
      }
      backoff =
          backoff.multipliedBy(2).compareTo(LONGEST_BACKOFF) > 0
              ? LONGEST_BACKOFF
              : backoff.multipliedBy(2);
    }
  }

  private synchronized void launch() {
    if (stopping) {
      return;
    }
    try {
      Files.createDirectories(logFile.getParent());
      Files.createDirectories(pidFile.getParent());
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(environment);
      builder
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      Process started = builder.start();
      process = started;
      Files.writeString(pidFile, started.pid() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + service.configName(), e);
    }
  }

  /**
   * A process of this service that a launcher killed without closing left behind (its pid file
   * still names a live {@code cogalign service <name>} process) is stopped before a new one starts
   * on the same port.
   */
  private void stopLeftover() {
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(this::isThisService)
          .ifPresent(
              leftover -> {
                log.warn(
                    "stopping {} left running by an earlier launcher (pid {})",
                    service.configName(),
                    pid);
                leftover.destroy();
                try {
                  leftover.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                  leftover.destroyForcibly();
                }
              });
    } catch (IOException | NumberFormatException e) {
      log.debug("unreadable pid file {}", pidFile, e);
    }
  }

  private boolean isThisService(ProcessHandle handle) {
    List<String> arguments = handle.info().arguments().map(List::of).orElse(List.of());
    int at = arguments.indexOf("service");
    return at >= 0
        && at + 1 < arguments.size()
        && arguments.get(at + 1).equals(service.configName());
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * No more restarts from now on: when the platform stops, every service is told this first (a
   * Ctrl-C reaches every process of the terminal at once, and none should come back).
   */
  synchronized void stopRestarting() {
    stopping = true;
  }

  /** Stops the process (SIGTERM, then SIGKILL after {@code grace}) and no longer restarts it. */
  void close(Duration grace) {
    Process running;
    synchronized (this) {
      stopping = true; // no launch after this
      running = process;
    }
    if (watcher != null) {
      watcher.interrupt();
    }
    if (running != null) {
      running.destroy();
      try {
        if (!running.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          log.warn("{} did not stop within {}; killing it", service.configName(), grace);
          running.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running.destroyForcibly();
      }
    }
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      log.debug("could not remove {}", pidFile, e);
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
