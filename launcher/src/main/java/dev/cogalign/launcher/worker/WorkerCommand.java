package dev.cogalign.launcher.worker;

import dev.cogalign.launcher.platform.DatabaseConnection;
import dev.cogalign.launcher.platform.Platform;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cogalign worker}: trainer-service alone, claiming jobs from a running platform's
 * PostgreSQL queue; each worker process trains one job at a time on its own cores.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs trainer-service alone as one more worker of a platform's job queue (same database,"
          + " same pipeline-service, same storage folder), until Ctrl-C. The platform's internal"
          + " token comes from $COGALIGN_INTERNAL_TOKEN."
    })
public final class WorkerCommand implements Callable<Integer> {

  /**
   * The platform's internal token, for the calls to pipeline-service (not an option: ps shows
   * those).
   */
  public static final String INTERNAL_TOKEN_ENVIRONMENT = "COGALIGN_INTERNAL_TOKEN";

  @Option(names = "--database-url", required = true, description = "The platform's PostgreSQL.")
  String databaseUrl;

  @Option(names = "--database-user", defaultValue = "postgres", description = "(default: postgres)")
  String databaseUser;

  @Option(
      names = "--database-password",
      description = "The password (default: $DATABASE_PASSWORD, else empty).")
  String databasePassword;

  @Option(names = "--pipeline-url", required = true, description = "pipeline-service's URL.")
  URI pipelineUrl;

  @Option(
      names = "--storage-dir",
      required = true,
      description = "The trainer storage folder the platform's trainer-service uses.")
  Path storageDir;

  @Option(names = "--id", description = "The worker's name in leases and job events.")
  String id;

  @Option(
      names = {"-D", "--property"},
      paramLabel = "KEY=VALUE",
      description = "A Spring property (repeatable).")
  Map<String, String> properties = new LinkedHashMap<>();

  @Override
  public Integer call() throws InterruptedException {
    String password =
        databasePassword != null
            ? databasePassword
            : System.getenv().getOrDefault("DATABASE_PASSWORD", "");
    Map<String, String> all = new LinkedHashMap<>(properties);
    all.put("cogalign.trainer.storage-dir", storageDir.toAbsolutePath().toString());
    if (id != null) {
      all.put("cogalign.trainer.worker.id", id);
    }
    Platform worker =
        Platform.startTrainerWorker(
            new DatabaseConnection(databaseUrl, databaseUser, password),
            pipelineUrl,
            storageDir.toAbsolutePath().getParent(),
            System.getenv(INTERNAL_TOKEN_ENVIRONMENT),
            all);
    Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "cogalign-worker-shutdown"));
    System.err.println(
        "trainer worker up on "
            + worker.urls().get(dev.cogalign.launcher.platform.Service.TRAINER));
    new CountDownLatch(1).await();
    return 0;
  }
}
