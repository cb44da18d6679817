package dev.cogalign.launcher.experiment;

import dev.cogalign.cogpo.model.EngineThreads;
import dev.cogalign.launcher.platform.DatabaseConnection;
import dev.cogalign.launcher.platform.JavaCommand;
import dev.cogalign.launcher.worker.WorkerCommand;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Extra trainer-service workers as their own JVMs ({@code cogalign worker}), claiming jobs from the
 * same PostgreSQL queue: DJL's gradient collector is one per process, so a second core trains a
 * second job only in a second process. Each logs to its own file; closing stops them.
 */
final class WorkerProcesses implements AutoCloseable {

  private final List<Process> processes = new ArrayList<>();

  /**
   * Starts {@code count} workers with this JVM's java and classpath (or launcher jar); the internal
   * token goes in their environment, not on their command line.
   */
  static WorkerProcesses start(
      int count,
      DatabaseConnection database,
      URI pipeline,
      String internalToken,
      Path storage,
      Map<String, String> properties,
      Path logDir) {
    WorkerProcesses workers = new WorkerProcesses();
    try {
      for (int i = 0; i < count; i++) {
        List<String> command =
            new ArrayList<>(
                JavaCommand.of(List.of("-Xmx2g", "-D" + EngineThreads.PROPERTY + "=1")));
        command.add("worker");
        command.add("--database-url=" + database.url());
        command.add("--database-user=" + database.username());
        command.add("--pipeline-url=" + pipeline);
        command.add("--storage-dir=" + storage.toAbsolutePath());
        command.add("--id=experiment-worker-" + (i + 2));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DATABASE_PASSWORD", database.password());
        builder.environment().put(WorkerCommand.INTERNAL_TOKEN_ENVIRONMENT, internalToken);
        File log = logDir.resolve("worker-" + (i + 2) + ".log").toFile();
        builder.redirectErrorStream(true).redirectOutput(log);
        workers.processes.add(builder.start());
      }
      // Ctrl-C ends this JVM without running the command's finally blocks: stop the children too
      Runtime.getRuntime()
          .addShutdownHook(new Thread(workers::destroyAll, "cogalign-stop-workers"));
      return workers;
    } catch (IOException e) {
      workers.close();
      throw new UncheckedIOException("cannot start a trainer worker process", e);
    }
  }

  /** Whether every worker still runs. */
  boolean alive() {
    return processes.stream().allMatch(Process::isAlive);
  }

  int count() {
    return processes.size();
  }

  private void destroyAll() {
    processes.forEach(Process::destroy);
  }

  @Override
  public void close() {
    destroyAll();
    for (Process p : processes) {
      try {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }
}
