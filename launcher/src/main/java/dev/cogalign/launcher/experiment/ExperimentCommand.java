package dev.cogalign.launcher.experiment;

import dev.cogalign.cogpo.model.EngineThreads;
import dev.cogalign.launcher.demo.GatewayClient;
import dev.cogalign.launcher.platform.Platform;
import dev.cogalign.launcher.platform.PlatformSettings;
import dev.cogalign.launcher.platform.Service;
import java.io.PrintWriter;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code cogalign experiment}: the method's claim measured. Starts the platform on the embedded
 * defaults with one more trainer worker process, then, through the gateway: synthetic curriculum
 * datasets per seed, a CRV run over each, a scratch student per seed, and one experiment (SFT on
 * the teacher's CoTs vs on CRV's, DPO, CogPO and the continued-SFT control, each evaluated on the
 * held-out problems); writes report.json, report.md, accuracy.png and curves.png.
 */
@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the CRV comparison on synthetic word problems through the platform and writes"
          + " report.json, report.md, accuracy.png and curves.png to --out."
    })
public final class ExperimentCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--seed", defaultValue = "1", description = "First seed; picks the held-out set.")
  long seed;

  @Option(
      names = "--seeds",
      defaultValue = "" + ExperimentPlan.DEFAULT_SEEDS,
      description = "Replicate seeds (seed, seed+1, …) (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--out", description = "Report folder (default: <data-dir>/experiment).")
  Path out;

  @Option(names = "--data-dir", defaultValue = "./data", description = "(default: ./data)")
  Path dataDirectory;

  @Option(names = "--port", defaultValue = "0", description = "Gateway port; 0 picks a free one.")
  int port;

  @Option(names = "--keep-running", description = "Leave the platform running at the end.")
  boolean keepRunning;

  @Option(
      names = "--train-problems",
      defaultValue = "" + ExperimentPlan.DEFAULT_TRAIN_PROBLEMS,
      description = "Training problems per seed (default: ${DEFAULT-VALUE}).")
  int trainProblems;

  @Option(
      names = "--held-out",
      defaultValue = "" + ExperimentPlan.DEFAULT_HELD_OUT,
      description = "Held-out problems (default: ${DEFAULT-VALUE}).")
  int heldOut;

  @Option(
      names = "--max-value",
      defaultValue = "" + ExperimentPlan.DEFAULT_MAX_VALUE,
      description =
          "Largest value or intermediate result in a problem (default: ${DEFAULT-VALUE}).")
  int maxValue;

  @Option(
      names = "--sft-steps",
      defaultValue = "" + ExperimentPlan.DEFAULT_SFT_STEPS,
      description = "Steps of both SFT arms (default: ${DEFAULT-VALUE}).")
  int sftSteps;

  @Option(
      names = "--sft-lr",
      defaultValue = "" + ExperimentPlan.DEFAULT_SFT_LEARNING_RATE,
      description = "(default: ${DEFAULT-VALUE})")
  double sftLearningRate;

  @Option(
      names = "--po-steps",
      defaultValue = "" + ExperimentPlan.DEFAULT_PO_STEPS,
      description =
          "Steps of DPO, CogPO and the continued-SFT control (default: ${DEFAULT-VALUE}).")
  int poSteps;

  @Option(
      names = "--po-lr",
      defaultValue = "" + ExperimentPlan.DEFAULT_PO_LEARNING_RATE,
      description = "(default: ${DEFAULT-VALUE})")
  double poLearningRate;

  @Option(
      names = "--batch-size",
      defaultValue = "" + ExperimentPlan.DEFAULT_SFT_BATCH_SIZE,
      description = "Batch size of every arm (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--dpo-beta",
      defaultValue = "" + ExperimentPlan.DEFAULT_DPO_BETA,
      description = "(default: ${DEFAULT-VALUE})")
  double dpoBeta;

  @Option(
      names = "--cogpo-beta",
      paramLabel = "TASK=BETA",
      description = "CogPO's beta of a mini-task (default: ALIGN=2, CALIBRATE=1, CORRECT=1).")
  Map<String, Double> cogpoBetas = new LinkedHashMap<>(ExperimentPlan.DEFAULT_COGPO_BETAS);

  @Option(
      names = "--annotations",
      defaultValue = ExperimentPlan.DEFAULT_ANNOTATIONS,
      description =
          "keep|strip calculator annotations in training CoTs (default: ${DEFAULT-VALUE}).")
  String annotations;

  @Option(
      names = "--arms",
      split = ",",
      description = "Arms to run (default: all: sft_teacher,sft_crv,dpo,cogpo,sft_crv_continued).")
  java.util.List<String> arms = new java.util.ArrayList<>();

  @Option(
      names = "--workers",
      defaultValue = "" + ExperimentPlan.DEFAULT_WORKERS,
      description = "Trainer worker processes, one core each (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--compare-critics",
      description =
          "Instead of the five arms: CRV with the profile (rules) critic and with the student"
              + " critic on the same problems, sft_crv on each, agreement of the verdicts;"
              + " writes critics.json and critics.md (docs/critics.md).")
  boolean compareCritics;

  @Option(
      names = "--critic-student-steps",
      defaultValue = "400",
      description =
          "With --compare-critics: SFT steps of the student the critic asks, on the teacher"
              + " CoTs (default: ${DEFAULT-VALUE}).")
  int criticStudentSteps;

  @Option(
      names = "--timeout",
      defaultValue = "PT2H",
      description = "Longest wait for a run or the experiment (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = {"-D", "--property"},
      paramLabel = "KEY=VALUE",
      description = "A Spring property for every service (repeatable).")
  Map<String, String> properties = new LinkedHashMap<>();

  private final Clock clock = Clock.systemUTC();

  /** The plan from the options; a bad value is a usage error. */
  public ExperimentPlan plan() {
    Path target = (out != null ? out : dataDirectory.resolve("experiment")).toAbsolutePath();
    try {
      return new ExperimentPlan(
          seed,
          seeds,
          trainProblems,
          heldOut,
          maxValue,
          sftSteps,
          batchSize,
          sftLearningRate,
          ExperimentPlan.DEFAULT_SFT_WARMUP_STEPS,
          poSteps,
          batchSize,
          poLearningRate,
          dpoBeta,
          cogpoBetas,
          ExperimentPlan.DEFAULT_MAX_NEW_TOKENS,
          ExperimentPlan.DEFAULT_EVAL_BATCH_SIZE,
          annotations,
          arms,
          workers,
          target.normalize(),
          timeout);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** Properties of every service, the user's winning. */
  Map<String, String> serviceProperties() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("cogalign.agent.backend", "rules");
    all.put("cogalign.trainer.worker.poll-interval", "1s");
    all.put(
        "cogalign.trainer.storage-dir",
        dataDirectory.resolve("trainer").toAbsolutePath().normalize().toString());
    all.putAll(properties);
    if (out != null) {
      // the students are written under --out and registered by path: it must be a model root
      all.merge(
          PlatformSettings.MODEL_ROOTS_PROPERTY,
          out.toAbsolutePath().normalize().toString(),
          (given, students) -> given + "," + students);
    }
    return all;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter console = spec.commandLine().getOut();
    ExperimentPlan plan = plan();
    System.setProperty("java.awt.headless", "true");
    if (System.getProperty(EngineThreads.PROPERTY) == null) {
      System.setProperty(EngineThreads.PROPERTY, "1"); // one core per trainer worker
    }
    Instant started = clock.instant();
    console.println("Starting CogAlign (embedded PostgreSQL in " + dataDirectory + ")…");
    console.flush();
    Map<String, String> serviceProperties = serviceProperties();
    Platform platform =
        Platform.start(new PlatformSettings(port, dataDirectory, null, 0, serviceProperties));
    boolean leaveRunning = false;
    try (WorkerProcesses extra =
        WorkerProcesses.start(
            plan.workers() - 1,
            platform.database(),
            platform.urls().get(Service.PIPELINE),
            platform.internalToken(),
            Path.of(serviceProperties.get("cogalign.trainer.storage-dir")),
            properties,
            java.nio.file.Files.createDirectories(plan.out()))) {
      console.printf(
          "CogAlign is up in %.1f s (gateway %s) with %d more trainer worker process(es)."
              + " Admin key: %s%n",
          Duration.between(started, clock.instant()).toMillis() / 1000.0,
          platform.gatewayUrl(),
          extra.count(),
          platform.adminKeyFile().toAbsolutePath());
      console.flush();
      GatewayClient gateway =
          new GatewayClient(
              platform.gatewayUrl(), platform.adminKey(), platform.adminKeyFile(), console);
      ExperimentScenario scenario = new ExperimentScenario(gateway, plan, console, clock);
      if (compareCritics) {
        ObjectNode critics =
            new CriticComparison(gateway, plan, scenario, criticStudentSteps, clock).run();
        critics.put("wallSeconds", Duration.between(started, clock.instant()).toMillis() / 1000.0);
        ExperimentReport.writeJson(critics, plan.out().resolve("critics.json"));
        ExperimentReport.write(plan.out().resolve("critics.md"), CriticReport.markdown(critics));
        console.println();
        console.println(CriticReport.markdown(critics));
        console.flush();
      } else {
        report(plan, scenario.run(), started, console);
      }
      leaveRunning = keepRunning;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
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

  /** report.json, report.md and the charts of the five-arm experiment, and its summary. */
  private void report(
      ExperimentPlan plan,
      ExperimentScenario.Outcome outcome,
      Instant started,
      PrintWriter console) {
    double wall = Duration.between(started, clock.instant()).toMillis() / 1000.0;
    ObjectNode report =
        ExperimentReport.json(plan, outcome.experiment(), outcome.heldOutFile(), wall);
    ExperimentReport.writeJson(report, plan.out().resolve("report.json"));
    String machine = Runtime.getRuntime().availableProcessors() + " cores";
    ExperimentReport.write(
        plan.out().resolve("report.md"), ExperimentReport.markdown(plan, report, machine));
    ReportCharts.accuracy(report, plan.out().resolve("accuracy.png"));
    ReportCharts.curves(report, outcome.metrics(), plan.out().resolve("curves.png"));
    console.println();
    console.println("== Result");
    report
        .path("arms")
        .properties()
        .forEach(
            e ->
                console.printf(
                    "  %-18s mean %5.1f%%  95%% CI %s  per seed %s%n",
                    e.getKey(),
                    100 * e.getValue().path("mean").asDouble(),
                    e.getValue().path("ci95"),
                    e.getValue().path("accuracy")));
    report.path("comparisons").forEach(c -> console.println("  " + ExperimentReport.sentence(c)));
    console.printf(
        "Experiment done in %.1f s; report in %s%n", wall, plan.out().resolve("report.md"));
    console.flush();
  }
}
