package dev.cogalign.launcher.up;

import dev.cogalign.launcher.platform.DatabaseConnection;
import dev.cogalign.launcher.platform.Platform;
import dev.cogalign.launcher.platform.PlatformSettings;
import dev.cogalign.launcher.platform.ProcessPlatform;
import dev.cogalign.launcher.platform.RunningPlatform;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cogalign up}: the whole platform until Ctrl-C, in this JVM or, with {@code --processes},
 * one JVM per service.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Starts PostgreSQL (embedded, data under --data-dir, unless --database-url is given) and"
          + " every service in this JVM, the gateway on --port. Creates an admin API key in"
          + " <data-dir>/admin.key when there is none. Ctrl-C stops everything.",
      "With --processes every service runs in its own JVM (as on Kubernetes) and is started"
          + " again when its process dies; pids in <data-dir>/run/<service>.pid, logs in"
          + " <data-dir>/logs/<service>.log.",
    })
public final class UpCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "" + PlatformSettings.DEFAULT_GATEWAY_PORT,
      description = "Gateway port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--data-dir",
      defaultValue = "./data",
      description =
          "Where the embedded PostgreSQL keeps its data, admin.key (the admin API key) and"
              + " run/internal-token (default: ${DEFAULT-VALUE}).")
  Path dataDirectory;

  @Option(
      names = "--database-url",
      description =
          "An existing PostgreSQL (jdbc:postgresql://host:port/db) instead of the embedded one.")
  String databaseUrl;

  @Option(
      names = "--database-user",
      defaultValue = "cogalign",
      description = "User for --database-url (default: ${DEFAULT-VALUE}).")
  String databaseUser;

  @Option(
      names = "--database-password",
      defaultValue = "${env:DATABASE_PASSWORD}",
      description = "Password for --database-url (default: $DATABASE_PASSWORD).")
  String databasePassword;

  @Option(
      names = "--service-port-base",
      defaultValue = "0",
      description =
          "First port of the services behind the gateway: pipeline on it, critic, rethink,"
              + " verifier, trainer on the next four; 0 picks free ports (default).")
  int servicePortBase;

  @Option(
      names = {"-D", "--property"},
      paramLabel = "KEY=VALUE",
      description =
          "A Spring property for every service, e.g. -Dcogalign.agent.backend=rules (repeatable).")
  Map<String, String> properties = new LinkedHashMap<>();

  @Option(
      names = "--processes",
      description =
          "Every service in its own JVM, restarted (with a back-off) when its process dies.")
  boolean processes;

  /** The settings these options describe. */
  public PlatformSettings settings() {
    DatabaseConnection external =
        databaseUrl == null
            ? null
            : new DatabaseConnection(
                databaseUrl, databaseUser, databasePassword == null ? "" : databasePassword);
    return new PlatformSettings(port, dataDirectory, external, servicePortBase, properties);
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    RunningPlatform platform =
        processes ? ProcessPlatform.start(settings()) : Platform.start(settings());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.println("Stopping CogAlign…");
                  out.flush();
                  platform.close();
                  out.println("Stopped.");
                  out.flush();
                },
                "cogalign-shutdown"));
    printUrls(platform, out);
    new CountDownLatch(1).await(); // until Ctrl-C: the shutdown hook stops the platform
    return 0;
  }

  private void printUrls(RunningPlatform platform, PrintWriter out) {
    out.println();
    out.println("CogAlign is up. Gateway (the public entry): " + platform.gatewayUrl());
    platform
        .urls()
        .forEach(
            (service, url) -> {
              if (platform instanceof ProcessPlatform processes) {
                out.printf(
                    "  %-17s %s  pid %d, log %s%n",
                    service.configName(),
                    url,
                    processes.pid(service),
                    processes.logFile(service).toAbsolutePath().normalize());
              } else {
                out.printf("  %-17s %s%n", service.configName(), url);
              }
            });
    out.printf(
        "  %-17s %s%s%n",
        "postgresql",
        platform.database().url(),
        platform.embeddedDatabase() ? " (embedded, data in " + dataDirectory + ")" : "");
    out.println("  health            " + platform.gatewayUrl() + "/actuator/health");
    Path key = platform.adminKeyFile().toAbsolutePath().normalize();
    out.println("Admin API key in " + key + " (mode 0600); every /api/** call needs a key:");
    out.println(
        "  curl -s -H \"Authorization: Bearer $(cat "
            + key
            + ")\" "
            + platform.gatewayUrl()
            + "/api/v1/datasets");
    out.println(
        "Internal token of this start (the services require it): "
            + Platform.internalTokenFile(dataDirectory).toAbsolutePath().normalize());
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }
}
