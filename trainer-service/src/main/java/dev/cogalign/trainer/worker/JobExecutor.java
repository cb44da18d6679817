package dev.cogalign.trainer.worker;

import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.checkpoint.ModelBundle;
import dev.cogalign.cogpo.train.StepMetrics;
import dev.cogalign.cogpo.train.TrainingConfig;
import dev.cogalign.cogpo.train.TrainingJob;
import dev.cogalign.cogpo.train.TrainingListener;
import dev.cogalign.cogpo.train.TrainingRun;
import dev.cogalign.cogpo.train.TrainingSummary;
import dev.cogalign.cogpo.train.data.TokenizerTextEncoder;
import dev.cogalign.cogpo.train.eval.Benchmark;
import dev.cogalign.cogpo.train.eval.Evaluation;
import dev.cogalign.crv.answer.AnswerExtractor;
import dev.cogalign.serviceweb.database.DatabaseOutage;
import dev.cogalign.trainer.config.CodeVersion;
import dev.cogalign.trainer.config.TrainerProperties;
import dev.cogalign.trainer.data.PipelineClient;
import dev.cogalign.trainer.job.EvalSettings;
import dev.cogalign.trainer.job.Hyperparameters;
import dev.cogalign.trainer.job.Job;
import dev.cogalign.trainer.job.JobData;
import dev.cogalign.trainer.job.JobRepository;
import dev.cogalign.trainer.job.JobStatus;
import dev.cogalign.trainer.job.JobStorage;
import dev.cogalign.trainer.model.Model;
import dev.cogalign.trainer.model.ModelKind;
import dev.cogalign.trainer.model.ModelRepository;
import dev.cogalign.trainer.model.NewEvaluation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one claimed job to its end on the calling thread: training through cogpo's {@link
 * TrainingRun} (resuming from the job's last checkpoint), or an evaluation. Each attempt writes
 * under its own folder {@code <storage-dir>/jobs/<id>/attempt-<n>}, so a worker that lost its lease
 * can never overwrite what the new owner writes.
 */
@Component
class JobExecutor {
  public static final String REFERENCE_CACHE_DIR = "reference-cache";
  private static final Logger LOG = LoggerFactory.getLogger(JobExecutor.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JobRepository jobs;
  private final ModelRepository models;
  private final TransactionTemplate tx;
  private final TrainerProperties properties;
  private final CodeVersion codeVersion;
  private final Clock clock;
  private final TrainingMeters meters;

  JobExecutor(
      JobRepository jobs,
      ModelRepository models,
      TransactionTemplate tx,
      TrainerProperties properties,
      CodeVersion codeVersion,
      Clock clock,
      TrainingMeters meters) {
    this.jobs = jobs;
    this.models = models;
    this.tx = tx;
    this.properties = properties;
    this.codeVersion = codeVersion;
    this.clock = clock;
    this.meters = meters;
  }

  void execute(Job job, RunningJob handle, String worker) {
    try {
      if (job.cancelRequested()) {
        end(job, worker, JobStatus.CANCELLED, "cancelled before it resumed");
        return;
      }
      Path data = Path.of(job.dataPath());
      String hash = Files.isRegularFile(data) ? PipelineClient.sha256(data) : "missing";
      if (!hash.equals(job.dataSha256())) {
        end(
            job,
            worker,
            JobStatus.FAILED,
            "data snapshot " + data + " has sha256 " + hash + ", not " + job.dataSha256());
        return;
      }
      if (job.baseModelId() == null) {
        end(job, worker, JobStatus.FAILED, "base job " + job.baseJobId() + " made no model");
        return;
      }
      Model base =
          models
              .find(job.baseModelId())
              .orElseThrow(() -> new IllegalStateException("model " + job.baseModelId()));
      if (job.type().method() == null) {
        evaluate(job, base, handle, worker);
      } else {
        train(job, base, handle, worker);
      }
    } catch (RuntimeException e) {
      if (handle.leaseLost()) {
        LOG.info("job {}: lease lost while it failed: {}", job.id(), e.toString());
      } else if (DatabaseOutage.causedBy(e)) {
        // not the job's failure, and nothing could record one: once the lease lapses the job is
        // claimed again and resumes from its last checkpoint
        LOG.warn(
            "job {}: the database is unreachable ({}); the job resumes from its last checkpoint"
                + " once its lease expires",
            job.id(),
            e.getMessage());
      } else if (e instanceof JobStoppedException) {
        stopped(job, handle, worker, job.stepsCompleted());
      } else {
        LOG.warn("job {} failed", job.id(), e);
        end(job, worker, JobStatus.FAILED, String.valueOf(e.getMessage()));
      }
    }
  }

  private void train(Job job, Model base, RunningJob handle, String worker) {
    TrainingConfig config = JSON.treeToValue(job.hyperparameters(), TrainingConfig.class);
    Path out =
        properties
            .storageDir()
            .resolve(JobStorage.JOBS_DIR)
            .resolve(String.valueOf(job.id()))
            .resolve("attempt-" + job.attempts())
            .toAbsolutePath();
    TrainingJob trainingJob =
        new TrainingJob(
            Path.of(base.path()),
            null,
            Path.of(job.dataPath()),
            out,
            properties.storageDir().resolve(REFERENCE_CACHE_DIR).toAbsolutePath(),
            job.checkpointPath() == null ? null : Path.of(job.checkpointPath()),
            config);
    TrainingSummary summary = TrainingRun.run(trainingJob, listener(job, handle, worker));
    if (handle.leaseLost()) {
      LOG.info("job {}: lease lost at step {}; another worker owns it", job.id(), summary.steps());
      return;
    }
    if (summary.cancelled()) {
      stopped(job, handle, worker, summary.steps());
      return;
    }
    Boolean done =
        tx.execute(
            status -> {
              long modelId =
                  models.insert(
                      "job-" + job.id() + "-" + job.type().name().toLowerCase(),
                      out.toString(),
                      ModelKind.valueOf(job.type().name()),
                      base.id(),
                      job.id(),
                      job.dataSha256(),
                      job.hyperparameters(),
                      codeVersion.value(),
                      clock.instant());
              models.recordProvenance(
                  modelId, job.effectiveBetas(), job.betasSource(), job.allowPartial());
              if (!jobs.finish(
                  job.id(), worker, JobStatus.SUCCEEDED, modelId, null, clock.instant())) {
                status.setRollbackOnly();
                return false;
              }
              jobs.event(
                  job.id(),
                  JobStatus.SUCCEEDED,
                  "trained "
                      + summary.steps()
                      + " steps (last loss "
                      + summary.lastLoss()
                      + "); model "
                      + modelId,
                  worker,
                  clock.instant());
              return true;
            });
    if (Boolean.TRUE.equals(done)) {
      meters.finished(job.type(), JobStatus.SUCCEEDED);
    } else {
      LOG.info("job {}: finished, but the lease had been lost; result dropped", job.id());
    }
  }

  private TrainingListener listener(Job job, RunningJob handle, String worker) {
    int keep =
        job.hyperparameters()
            .path("keepCheckpoints")
            .asInt(Hyperparameters.DEFAULT_KEEP_CHECKPOINTS);
    return new TrainingListener() {
      @Override
      public void onStep(StepMetrics m) {
        meters.step(job.type(), m.values());
        record(job, handle, worker, m.step(), m.values().getOrDefault("epoch", 0.0), m.values());
      }

      @Override
      public void onCheckpoint(Path checkpoint, int step) {
        JobStorage.retain(checkpoint.getParent(), keep);
        if (!handle.leaseLost()
            && !jobs.recordCheckpoint(
                job.id(), worker, checkpoint.toAbsolutePath().toString(), step)) {
          handle.loseLease();
        }
      }

      @Override
      public boolean isCancelled() {
        return handle.shouldStop();
      }
    };
  }

  private void record(
      Job job,
      RunningJob handle,
      String worker,
      int step,
      double epoch,
      Map<String, Double> values) {
    if (handle.leaseLost()) {
      return;
    }
    Optional<Boolean> cancel =
        tx.execute(s -> jobs.recordStep(job.id(), worker, step, epoch, values));
    if (cancel.isEmpty()) {
      handle.loseLease();
    } else if (cancel.get()) {
      handle.cancel();
    }
  }

  /** The run stopped early: cancelled, or handed back because this worker is stopping. */
  private void stopped(Job job, RunningJob handle, String worker, int step) {
    if (handle.leaseLost()) {
      return;
    }
    if (handle.cancelRequested()) {
      end(job, worker, JobStatus.CANCELLED, "cancelled at step " + step);
    } else {
      tx.executeWithoutResult(
          s -> {
            if (jobs.requeue(job.id(), worker)) {
              jobs.event(
                  job.id(),
                  JobStatus.QUEUED,
                  "worker stopping: handed back at step " + step,
                  worker,
                  clock.instant());
            }
          });
    }
  }

  /** Ends the job with a status (a FAILED job's message is its error). */
  private void end(Job job, String worker, JobStatus status, String message) {
    String error = status == JobStatus.FAILED ? message : null;
    tx.executeWithoutResult(
        s -> {
          if (jobs.finish(job.id(), worker, status, null, error, clock.instant())) {
            jobs.event(job.id(), status, message, worker, clock.instant());
            meters.finished(job.type(), status);
          }
        });
  }

  private void evaluate(Job job, Model base, RunningJob handle, String worker) {
    EvalSettings settings = JSON.treeToValue(job.hyperparameters(), EvalSettings.class);
    List<Benchmark.Problem> problems = problems(Path.of(job.dataPath()), job.totalSteps());
    Path path = Path.of(base.path());
    int[] counts = new int[2];
    Evaluation.Result result;
    try (NDManager manager = NDManager.newBaseManager();
        ModelBundle bundle = ModelBundle.open(path, manager);
        TokenizerTextEncoder encoder = new TokenizerTextEncoder(path, settings.promptFormat())) {
      result =
          Evaluation.run(
              bundle,
              encoder,
              problems,
              null,
              settings.maxNewTokens(),
              settings.batchSize(),
              item -> {
                counts[0]++;
                counts[1] += item.correct() ? 1 : 0;
                Map<String, Double> values = new LinkedHashMap<>();
                values.put("accuracy", (double) counts[1] / counts[0]);
                values.put("correct", (double) counts[1]);
                values.put("new_tokens", (double) item.newTokens());
                record(job, handle, worker, counts[0], 0, values);
                if (handle.shouldStop()) {
                  throw new JobStoppedException(job.id());
                }
              });
    }
    tx.executeWithoutResult(
        s -> {
          if (!jobs.finish(job.id(), worker, JobStatus.SUCCEEDED, null, null, clock.instant())) {
            return;
          }
          models.insertEvaluation(
              new NewEvaluation(
                  base.id(),
                  job.id(),
                  benchmarkLabel(job),
                  job.datasetId(),
                  job.dataSplit(),
                  result.correct(),
                  result.items().size(),
                  job.overlap(),
                  job.allowOverlap(),
                  result.hitTokenLimit()),
              clock.instant());
          jobs.insertItems(job.id(), result.items());
          meters.finished(job.type(), JobStatus.SUCCEEDED);
          jobs.event(
              job.id(),
              JobStatus.SUCCEEDED,
              "accuracy "
                  + result.correct()
                  + "/"
                  + result.items().size()
                  + " on "
                  + job.dataSource(),
              worker,
              clock.instant());
        });
  }

  /** What an evaluation was measured on: a dataset, a run's training records, a benchmark. */
  private static String benchmarkLabel(Job job) {
    if (job.datasetId() != null) {
      return "dataset:" + job.datasetId();
    }
    if (job.runId() != null) {
      return "run:" + job.runId() + "/" + JobData.TRAIN_SPLIT + " (training-set measurement)";
    }
    return job.dataSource();
  }

  /**
   * The snapshot's records as problems: the prompt and the gold answer ({@code answer}, else the
   * one after the completion's ####).
   */
  private static List<Benchmark.Problem> problems(Path file, int limit) {
    List<Benchmark.Problem> out = new ArrayList<>();
    try {
      int n = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode row = JSON.readTree(line);
        n++;
        String gold =
            row.hasNonNull("answer")
                ? row.get("answer").asString()
                : AnswerExtractor.extract(row.path("completion").asString()).orElse("");
        String id =
            row.hasNonNull("id")
                ? row.get("id").asString()
                : row.hasNonNull("problem_id")
                    ? "problem-" + row.get("problem_id").asString()
                    : "record-" + n;
        out.add(new Benchmark.Problem(id, row.path("prompt").asString(), gold));
        if (out.size() == limit) {
          break;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }
}
