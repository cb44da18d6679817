package dev.cogalign.launcher.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL left running on a data directory by a launcher that was killed (kill -9, a crash):
 * nobody holds the directory's lock any more, but the server still owns the cluster and a new one
 * cannot start. It is asked to shut down (SIGTERM, PostgreSQL's smart shutdown: its clients died
 * with the launcher).
 */
final class OrphanedServer {

  /** The lock file zonky holds while its PostgreSQL runs on the directory. */
  static final String LOCK_FILE = "epg-lock";

  static final Duration DEFAULT_SHUTDOWN_WAIT = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(OrphanedServer.class);

  private OrphanedServer() {}

  /**
   * Stops the PostgreSQL named by {@code postmaster.pid} in {@code dataDirectory} when no live
   * launcher holds the directory's lock; does nothing otherwise.
   *
   * @return whether a server was stopped
   */
  static boolean stopIfPresent(Path dataDirectory) {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return false;
    }
    try (FileChannel channel =
            FileChannel.open(
                dataDirectory.resolve(LOCK_FILE),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = tryLock(channel)) {
      if (lock == null) {
        return false; // a running launcher owns the directory
      }
      Optional<ProcessHandle> server = postmaster(pidFile);
      if (server.isEmpty()) {
        return false;
      }
      log.warn(
          "Stopping PostgreSQL (pid {}) left running on {} by a launcher that did not stop",
          server.get().pid(),
          dataDirectory);
      server.get().destroy();
      server.get().onExit().get(DEFAULT_SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("could not inspect " + dataDirectory, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the old PostgreSQL", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "the PostgreSQL left running on "
              + dataDirectory
              + " did not stop within "
              + DEFAULT_SHUTDOWN_WAIT.toSeconds()
              + " s",
          e);
    }
  }

  /** The lock, or {@code null} when another process or this JVM holds it. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  /** The live process named by the pid file's first line, when it is a PostgreSQL server. */
  private static Optional<ProcessHandle> postmaster(Path pidFile) throws IOException {
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).strip());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
  }
}
