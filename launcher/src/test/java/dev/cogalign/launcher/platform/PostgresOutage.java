package dev.cogalign.launcher.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops the launcher's embedded PostgreSQL the way an operator would, a fast shutdown (SIGINT to
 * the postmaster, what {@code pg_ctl stop -m fast} sends, which refuses to run as root: every
 * connection is closed, new ones are refused), and starts it again, on the same port, with the same
 * command line the running server had ({@code /proc/<pid>/cmdline} of the postmaster named in
 * {@code postmaster.pid}; under root in a user namespace, {@code unshare -U}, as zonky does). Linux
 * only, like the embedded binaries.
 */
final class PostgresOutage {
  private final Path dataDirectory;
  private final long pid;
  private final List<String> postmaster;

  private PostgresOutage(Path dataDirectory, long pid, List<String> postmaster) {
    this.dataDirectory = dataDirectory;
    this.pid = pid;
    this.postmaster = postmaster;
  }

  /** The server running on {@code dataDirectory} (the launcher's {@code <data-dir>/postgres}). */
  static PostgresOutage of(Path dataDirectory) throws IOException {
    String pid = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip();
    byte[] raw = Files.readAllBytes(Path.of("/proc", pid, "cmdline"));
    List<String> command =
        new ArrayList<>(Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0")));
    command.set(0, Files.readSymbolicLink(Path.of("/proc", pid, "exe")).toString());
    return new PostgresOutage(dataDirectory, Long.parseLong(pid), command);
  }

  /** A fast shutdown, waiting until the postmaster has exited. */
  void stop() throws IOException, InterruptedException {
    ProcessHandle server =
        ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no postmaster " + pid));
    Process signal = new ProcessBuilder("kill", "-INT", String.valueOf(pid)).inheritIO().start();
    if (signal.waitFor() != 0) {
      throw new IllegalStateException("kill -INT " + pid + " failed");
    }
    try {
      server.onExit().get(1, TimeUnit.MINUTES);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("PostgreSQL " + pid + " did not stop", e);
    }
  }

  /** Starts the server again with its former command line; returns once it takes connections. */
  void start(String jdbcUrl, String user) throws IOException, InterruptedException {
    Path log = dataDirectory.resolveSibling("postgres-restart.log");
    List<String> command = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      // PostgreSQL refuses to run as root; zonky starts it in a user namespace, as does this
      command.addAll(List.of("unshare", "-U"));
    }
    command.addAll(postmaster);
    new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (true) {
      try (var connection = DriverManager.getConnection(jdbcUrl, user, "")) {
        return;
      } catch (SQLException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("PostgreSQL did not come back; see " + log, notYet);
        }
        Thread.sleep(100);
      }
    }
  }
}
