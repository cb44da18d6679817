package dev.cogalign.launcher.demo;

import dev.cogalign.launcher.platform.Platform;
import dev.cogalign.launcher.platform.PlatformSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cogalign demo}: the platform's main job end to end on the embedded defaults (embedded
 * PostgreSQL, rules agents, offline), through the gateway only.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the platform (like up), then through the gateway: uploads GSM8K problems, runs"
          + " Critique-Rethink-Verify, exports the preference pairs, trains the tiny student with"
          + " SFT and then CogPO on them, and prints every URL it uses. Stops the platform at the"
          + " end unless --keep-running.",
    })
public final class DemoCommand implements Callable<Integer> {

  /** Properties every service gets in the demo (the user's -D options win). */
  static final Map<String, String> DEMO_PROPERTIES =
      Map.of(
          "cogalign.agent.backend", "rules",
          "cogalign.trainer.worker.poll-interval", "500ms");

  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      defaultValue = "./data",
      description =
          "Embedded PostgreSQL data and the trainer's storage (<data-dir>/trainer)"
              + " (default: ${DEFAULT-VALUE}).")
  Path dataDirectory;

  @Option(
      names = "--port",
      defaultValue = "" + PlatformSettings.DEFAULT_GATEWAY_PORT,
      description = "Gateway port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--problems",
      defaultValue = "" + DemoPlan.DEFAULT_PROBLEMS,
      description = "GSM8K train problems to upload and run (default: ${DEFAULT-VALUE}).")
  int problems;

  @Option(
      names = "--steps",
      defaultValue = "" + DemoPlan.DEFAULT_STEPS,
      description =
          "Training steps of the SFT job and of the CogPO job (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--gsm8k",
      description = "GSM8K JSONL file (default: <shared>/data/gsm8k/train.jsonl).")
  Path gsm8k;

  @Option(
      names = "--model",
      description =
          "Hugging Face folder of the student (default: <shared>/fixtures/hf-tiny/qwen2-tiny).")
  Path model;

  @Option(
      names = "--out",
      description =
          "Where the uploaded rows, pairs.jsonl, sft.jsonl and the trained model go"
              + " (default: <data-dir>/demo).")
  Path out;

  @Option(
      names = "--timeout",
      defaultValue = "PT10M",
      description =
          "Longest wait for the run and for each job, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--keep-running",
      description = "Leave the platform running at the end, until Ctrl-C.")
  boolean keepRunning;

  @Option(
      names = {"-D", "--property"},
      paramLabel = "KEY=VALUE",
      description = "A Spring property for every service (repeatable).")
  Map<String, String> properties = new LinkedHashMap<>();

  private final Clock clock;

  public DemoCommand() {
    this(Clock.systemUTC());
  }

  DemoCommand(Clock clock) {
    this.clock = clock;
  }

  /** The platform settings: the embedded database under --data-dir, the demo's properties. */
  public PlatformSettings settings() {
    Map<String, String> all = new LinkedHashMap<>(DEMO_PROPERTIES);
    all.put(
        "cogalign.trainer.storage-dir",
        dataDirectory.resolve("trainer").toAbsolutePath().normalize().toString());
    all.putAll(properties);
    if (model != null) {
      // the student given with --model is registered by path: it must be inside a model root
      all.merge(
          PlatformSettings.MODEL_ROOTS_PROPERTY,
          model.toAbsolutePath().normalize().toString(),
          (given, student) -> given + "," + student);
    }
    return new PlatformSettings(port, dataDirectory, null, 0, all);
  }

  /** What to do once the platform is up; fails on a missing data file or fixture. */
  public DemoPlan plan() {
    Path shared = SharedFolder.locate().orElse(null);
    Path rows = gsm8k != null ? gsm8k : resolveShared(shared, "data/gsm8k/train.jsonl", "--gsm8k");
    Path student =
        model != null ? model : resolveShared(shared, "fixtures/hf-tiny/qwen2-tiny", "--model");
    if (!Files.isRegularFile(rows)) {
      throw new ParameterException(spec.commandLine(), "no GSM8K file at " + rows);
    }
    if (!Files.isRegularFile(student.resolve("config.json"))) {
      throw new ParameterException(
          spec.commandLine(), "no Hugging Face model (config.json) in " + student);
    }
    Path target = out != null ? out : dataDirectory.resolve("demo");
    try {
      return new DemoPlan(
          problems,
          steps,
          rows.toAbsolutePath().normalize(),
          student.toAbsolutePath().normalize(),
          target.toAbsolutePath().normalize(),
          timeout);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Path resolveShared(Path shared, String relative, String option) {
    if (shared == null) {
      throw new ParameterException(
          spec.commandLine(),
          "no `shared` folder found beside the repository; pass "
              + option
              + " or -D"
              + SharedFolder.PROPERTY
              + "=DIR");
    }
    return shared.resolve(relative);
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter console = spec.commandLine().getOut();
    DemoPlan plan = plan();
    Instant started = clock.instant();
    console.println("Starting CogAlign (embedded PostgreSQL in " + dataDirectory + ")…");
    console.flush();
    Platform platform = Platform.start(settings());
    boolean leaveRunning = false;
    try {
      console.printf(
          "CogAlign is up in %.1f s. Gateway: %s%n",
          Duration.between(started, clock.instant()).toMillis() / 1000.0, platform.gatewayUrl());
      console.println(
          "Admin key: "
              + platform.adminKeyFile().toAbsolutePath()
              + ". Every step below shows the curl command that repeats it.");
      console.flush();
      DemoResult result =
          new DemoScenario(
                  new GatewayClient(
                      platform.gatewayUrl(), platform.adminKey(), platform.adminKeyFile(), console),
                  plan,
                  console,
                  clock)
              .run();
      console.println();
      console.printf(
          "Demo done in %.1f s: run %d (%d problems, %.1f problems/s), pairs %s, SFT job %d,"
              + " CogPO job %d.%n",
          Duration.between(started, clock.instant()).toMillis() / 1000.0,
          result.runId(),
          result.runCounts().values().stream().mapToLong(Long::longValue).sum(),
          result.problemsPerSecond(),
          result.pairsFile(),
          result.sftJobId(),
          result.cogpoJobId());
      console.flush();
      leaveRunning = keepRunning;
    } finally {
      if (!leaveRunning) {
        platform.close();
      }
    }
    if (leaveRunning) {
      Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "cogalign-shutdown"));
      console.println(
          "The platform keeps running on " + platform.gatewayUrl() + "; Ctrl-C stops it.");
      console.flush();
      new CountDownLatch(1).await();
    }
    return 0;
  }
}
