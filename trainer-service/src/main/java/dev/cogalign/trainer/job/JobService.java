package dev.cogalign.trainer.job;

import dev.cogalign.cogpo.train.InvalidTrainingConfigException;
import dev.cogalign.cogpo.train.TrainingConfig;
import dev.cogalign.cogpo.train.eval.Benchmark;
import dev.cogalign.serviceweb.FieldError;
import dev.cogalign.trainer.config.CodeVersion;
import dev.cogalign.trainer.config.TrainerProperties;
import dev.cogalign.trainer.data.DataSnapshot;
import dev.cogalign.trainer.data.PipelineClient;
import dev.cogalign.trainer.error.ConflictException;
import dev.cogalign.trainer.error.InvalidRequestException;
import dev.cogalign.trainer.error.NotFoundException;
import dev.cogalign.trainer.model.ModelService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Submits jobs (validating everything synchronously: the model, the hyperparameters, the betas, and
 * the data, which is pulled from pipeline-service, snapshotted and counted before the job row
 * exists), and shows, lists and cancels them.
 */
@Service
public class JobService {
  public static final int DEFAULT_PAGE_SIZE = 50;
  public static final int MAX_PAGE_SIZE = 500;
  public static final int DEFAULT_METRICS_LIMIT = 10_000;
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final JobRepository jobs;
  private final TrainingLineage lineage;
  private final JobStorage storage;
  private final ModelService models;
  private final PipelineClient pipeline;
  private final TrainerProperties properties;
  private final CodeVersion codeVersion;
  private final TransactionTemplate tx;
  private final Clock clock;

  JobService(
      JobRepository jobs,
      TrainingLineage lineage,
      JobStorage storage,
      ModelService models,
      PipelineClient pipeline,
      TrainerProperties properties,
      CodeVersion codeVersion,
      TransactionTemplate tx,
      Clock clock) {
    this.jobs = jobs;
    this.lineage = lineage;
    this.storage = storage;
    this.models = models;
    this.pipeline = pipeline;
    this.properties = properties;
    this.codeVersion = codeVersion;
    this.tx = tx;
    this.clock = clock;
  }

  public long submit(CreateJobRequest request) {
    List<FieldError> errors = new ArrayList<>();
    JobType type = JobOptions.parseType(request.type(), errors);
    Hyperparameters hp = JobOptions.hyperparameters(request.hyperparameters(), errors);
    Optional<ModelService.ModelRef> model = Optional.empty();
    Job baseJob = null;
    if (request.baseJob() != null) {
      if (request.baseModel() != null && !request.baseModel().isBlank()) {
        errors.add(new FieldError("baseJob", "give either baseModel or baseJob, not both"));
      }
      baseJob = baseJob(request.baseJob(), errors);
    } else {
      List<String> modelReasons = new ArrayList<>();
      model = models.resolve(request.baseModel(), modelReasons);
      modelReasons.forEach(r -> errors.add(new FieldError("baseModel", r)));
    }
    Map<String, Double> betas = request.betas() == null ? Map.of() : request.betas();
    JobOptions.validateBetas(betas, errors);
    if (hp.keepCheckpoints() != null && hp.keepCheckpoints() < 1) {
      errors.add(
          new FieldError(
              "hyperparameters.keepCheckpoints",
              hp.keepCheckpoints() + " must be >= 1 (a job resumes from its newest checkpoint)"));
    }
    boolean allowPartial = Boolean.TRUE.equals(request.allowPartial());
    boolean allowOverlap = Boolean.TRUE.equals(request.allowOverlap());

    TrainingConfig config = null;
    EvalSettings eval = null;
    if (type == JobType.EVAL) {
      eval = JobOptions.evalSettings(hp, errors);
    } else if (type != null) {
      config = JobOptions.trainingConfig(type, hp, properties.checkpointEvery(), errors);
    }

    DataSnapshot data =
        type == null ? null : data(type, request.data(), betas, eval, allowPartial, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    int overlap = 0;
    if (type == JobType.EVAL && request.data().benchmark() == null) {
      overlap = overlap(model, baseJob, data);
      if (overlap > 0 && !allowOverlap && request.data().runId() == null) {
        throw new InvalidRequestException(
            List.of(
                new FieldError(
                    "data.datasetId",
                    overlap
                        + " of the "
                        + data.count()
                        + " problems share their question text with data the model's lineage was"
                        + " trained on; evaluate on held-out problems, or pass allowOverlap: true"
                        + " to measure them anyway")));
      }
    }
    int totalSteps =
        type == JobType.EVAL
            ? (eval.limit() > 0 ? Math.min(eval.limit(), data.count()) : data.count())
            : config.totalSteps(data.count());
    JsonNode effective = JSON.valueToTree(type == JobType.EVAL ? eval : config);
    if (config != null) {
      ((ObjectNode) effective)
          .put(
              "keepCheckpoints",
              hp.keepCheckpoints() == null
                  ? Hyperparameters.DEFAULT_KEEP_CHECKPOINTS
                  : hp.keepCheckpoints());
    }
    boolean preference = config != null && config.method().isPreference();
    Map<String, Double> effectiveBetas =
        preference ? effectiveBetas(data, type, betas, config.beta()) : null;
    String betasSource =
        !preference ? null : type == JobType.DPO ? "beta" : betas.isEmpty() ? "pairs" : "job";
    JobData source = request.data();
    NewJob row =
        new NewJob(
            type,
            null,
            baseJob == null ? null : baseJob.id(),
            source.runId(),
            source.datasetId(),
            type == JobType.EVAL && source.runId() != null ? JobData.TRAIN_SPLIT : null,
            data.source(),
            data.file().toString(),
            data.sha256(),
            data.count(),
            effective,
            preference ? betas : null,
            effectiveBetas,
            betasSource,
            allowPartial,
            allowOverlap,
            overlap,
            totalSteps,
            codeVersion.value());
    Instant now = clock.instant();
    Optional<ModelService.ModelRef> resolved = model;
    return tx.execute(
        status -> {
          Long baseModelId = resolved.map(models::ensureRegistered).orElse(null);
          long id = jobs.insert(row.withBaseModelId(baseModelId), now);
          jobs.event(
              id,
              JobStatus.QUEUED,
              "submitted: "
                  + row.dataCount()
                  + " records from "
                  + row.dataSource()
                  + " (sha256 "
                  + row.dataSha256()
                  + "), "
                  + row.totalSteps()
                  + " steps"
                  + (row.baseJobId() == null
                      ? ""
                      : "; waits for job " + row.baseJobId() + "'s model"),
              null,
              now);
          return id;
        });
  }

  private Job baseJob(long id, List<FieldError> errors) {
    Optional<Job> job = jobs.find(id);
    if (job.isEmpty()) {
      errors.add(new FieldError("baseJob", "job " + id + " does not exist"));
      return null;
    }
    if (job.get().type() == JobType.EVAL) {
      errors.add(new FieldError("baseJob", "job " + id + " is an EVAL job: it makes no model"));
      return null;
    }
    if (job.get().status() == JobStatus.FAILED || job.get().status() == JobStatus.CANCELLED) {
      errors.add(
          new FieldError("baseJob", "job " + id + " ended " + job.get().status() + ": no model"));
      return null;
    }
    return job.get();
  }

  /** Problems of the evaluation data whose question the model's lineage was trained on. */
  private int overlap(Optional<ModelService.ModelRef> model, Job baseJob, DataSnapshot data) {
    java.util.Set<java.nio.file.Path> trained =
        baseJob != null
            ? lineage.snapshotsOfJob(baseJob.id())
            : model.map(ModelService.ModelRef::id).map(lineage::snapshotsOfModel).orElse(Set.of());
    if (trained.isEmpty()) {
      return 0;
    }
    return TrainingLineage.overlap(data.file(), TrainingLineage.prompts(trained));
  }

  /** The beta per mini-task the run will train with, from the job, the pairs or DPO's beta. */
  private static Map<String, Double> effectiveBetas(
      DataSnapshot data, JobType type, Map<String, Double> jobBetas, double dpoBeta) {
    Map<String, Double> out = new java.util.TreeMap<>();
    try (java.io.BufferedReader reader =
        java.nio.file.Files.newBufferedReader(
            data.file(), java.nio.charset.StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode row = JSON.readTree(line);
        String task = row.path("mini_task").asString("");
        if (task.isEmpty() || out.containsKey(task)) {
          continue;
        }
        double beta =
            type == JobType.DPO
                ? dpoBeta
                : jobBetas.containsKey(task)
                    ? jobBetas.get(task)
                    : row.path("beta").asDouble(dpoBeta);
        out.put(task, beta);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read the snapshot " + data.file(), e);
    }
    return out;
  }

  private DataSnapshot data(
      JobType type,
      JobData data,
      Map<String, Double> betas,
      EvalSettings eval,
      boolean allowPartial,
      List<FieldError> errors) {
    if (data == null
        || (data.runId() == null && data.datasetId() == null && data.benchmark() == null)) {
      errors.add(
          new FieldError(
              "data",
              type == JobType.EVAL
                  ? "is required: data.datasetId (held-out problems), data.benchmark, or"
                      + " data.runId with split: train"
                  : "is required: data.runId (the pipeline run to train on) or data.datasetId"
                      + " (SFT on a dataset's teacher CoTs)"));
      return null;
    }
    int sources =
        (data.runId() == null ? 0 : 1)
            + (data.datasetId() == null ? 0 : 1)
            + (data.benchmark() == null ? 0 : 1);
    if (sources > 1) {
      errors.add(new FieldError("data", "give one of runId, datasetId, benchmark"));
      return null;
    }
    if (data.annotations() != null
        && !data.annotations().equalsIgnoreCase("keep")
        && !data.stripAnnotations()) {
      errors.add(
          new FieldError(
              "data.annotations", "'" + data.annotations() + "' is not one of keep|strip"));
      return null;
    }
    if (data.benchmark() != null) {
      if (type != JobType.EVAL) {
        errors.add(new FieldError("data.benchmark", "only EVAL jobs run on a benchmark"));
        return null;
      }
      return benchmark(data.benchmark(), eval, errors);
    }
    boolean pairs = type == JobType.DPO || type == JobType.COGPO;
    if (data.datasetId() != null) {
      if (pairs) {
        errors.add(
            new FieldError(
                "data.datasetId", "DPO and CogPO train on a run's preference pairs: data.runId"));
        return null;
      }
      Optional<DataSnapshot> snapshot =
          pipeline.datasetSnapshot(data.datasetId(), data.stripAnnotations());
      if (snapshot.isEmpty()) {
        errors.add(
            new FieldError(
                "data.datasetId",
                "dataset " + data.datasetId() + " not found in pipeline-service"));
        return null;
      }
      if (snapshot.get().count() == 0) {
        errors.add(
            new FieldError(
                "data.datasetId",
                "dataset " + data.datasetId() + " has no problems with a CoT and an answer"));
        return null;
      }
      return snapshot.get();
    }
    if (type == JobType.EVAL && !JobData.TRAIN_SPLIT.equals(data.split())) {
      errors.add(
          new FieldError(
              "data.split",
              "an EVAL on run "
                  + data.runId()
                  + " measures the CoTs SFT trains on: pass split: \"train\" to measure the"
                  + " training set explicitly, or evaluate on held-out problems with"
                  + " data.datasetId"));
      return null;
    }
    Optional<PipelineClient.RunInfo> run = pipeline.run(data.runId());
    if (run.isEmpty()) {
      errors.add(
          new FieldError("data.runId", "run " + data.runId() + " not found in pipeline-service"));
      return null;
    }
    if (!run.get().succeeded() && !allowPartial && type != JobType.EVAL) {
      throw new ConflictException(
          data.runId(),
          "run "
              + data.runId()
              + " is "
              + run.get().status()
              + ", not SUCCEEDED: a job trains on a finished run's data only (pass allowPartial:"
              + " true to train on what it has so far)");
    }
    Optional<DataSnapshot> snapshot =
        pipeline.snapshot(
            data.runId(),
            pairs ? PipelineClient.Export.PAIRS : PipelineClient.Export.SFT,
            pairs ? betas : Map.of(),
            data.stripAnnotations());
    if (snapshot.isEmpty()) {
      errors.add(
          new FieldError("data.runId", "run " + data.runId() + " not found in pipeline-service"));
      return null;
    }
    if (snapshot.get().count() == 0) {
      errors.add(
          new FieldError(
              "data.runId",
              "run "
                  + data.runId()
                  + " has no "
                  + (pairs ? "preference pairs" : "verified SFT records")
                  + " to "
                  + (type == JobType.EVAL ? "evaluate on" : "train on")));
      return null;
    }
    return snapshot.get();
  }

  private DataSnapshot benchmark(String name, EvalSettings eval, List<FieldError> errors) {
    Benchmark benchmark;
    try {
      benchmark = Benchmark.parse(name);
    } catch (InvalidTrainingConfigException e) {
      errors.add(new FieldError("data.benchmark", e.getMessage()));
      return null;
    }
    if (properties.benchmarkDir() == null) {
      errors.add(
          new FieldError("data.benchmark", "no cogalign.trainer.benchmark-dir is configured"));
      return null;
    }
    List<String> lines = new ArrayList<>();
    for (Benchmark.Problem p :
        benchmark.load(
            benchmark.file(properties.benchmarkDir()), eval == null ? 0 : eval.limit())) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("id", p.id());
      line.put("prompt", p.question());
      line.put("completion", "#### " + p.answer());
      lines.add(JSON.writeValueAsString(line));
    }
    if (lines.isEmpty()) {
      errors.add(new FieldError("data.benchmark", name + " has no problems"));
      return null;
    }
    return pipeline.store(lines, "benchmark:" + benchmark.name().toLowerCase());
  }

  public Job get(long id) {
    return jobs.find(id).orElseThrow(() -> new NotFoundException("job", id));
  }

  public JobView view(long id) {
    return view(get(id));
  }

  public JobView view(Job j) {
    Instant now = clock.instant();
    double elapsed =
        j.startedAt() == null
            ? 0
            : Duration.between(j.startedAt(), j.finishedAt() != null ? j.finishedAt() : now)
                    .toMillis()
                / 1000.0;
    Double remaining = null;
    if (j.status() == JobStatus.SUCCEEDED) {
      remaining = 0.0;
    } else if (j.status() == JobStatus.RUNNING
        && j.attemptStartedAt() != null
        && j.stepsCompleted() > j.attemptStartStep()) {
      double seconds = Duration.between(j.attemptStartedAt(), now).toMillis() / 1000.0;
      double perStep = seconds / (j.stepsCompleted() - j.attemptStartStep());
      remaining = perStep * Math.max(0, j.totalSteps() - j.stepsCompleted());
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("runId", j.runId());
    data.put("datasetId", j.datasetId());
    data.put("split", j.dataSplit());
    data.put("source", j.dataSource());
    data.put("sha256", j.dataSha256());
    data.put("count", j.dataCount());
    return new JobView(
        j.id(),
        j.type(),
        j.status(),
        j.baseModelId(),
        j.baseJobId(),
        data,
        j.hyperparameters(),
        j.betas(),
        j.effectiveBetas(),
        j.betasSource(),
        j.allowPartial(),
        j.allowOverlap(),
        j.overlap(),
        j.totalSteps() == 0 ? 0 : 100.0 * j.stepsCompleted() / j.totalSteps(),
        j.stepsCompleted(),
        j.totalSteps(),
        (int) Math.floor(j.epochsCompleted()),
        elapsed,
        remaining,
        j.latestMetrics(),
        j.checkpointStep(),
        j.outputModelId(),
        j.error(),
        j.attempts(),
        j.leaseOwner(),
        j.codeVersion(),
        storage.diskBytes(j.id()),
        j.createdAt(),
        j.startedAt(),
        j.finishedAt());
  }

  public JobPage page(String status, String type, String cursor, Integer limit) {
    List<FieldError> errors = new ArrayList<>();
    JobStatus s = parseEnum(JobStatus.class, "status", status, errors);
    JobType t = parseEnum(JobType.class, "type", type, errors);
    Long before = null;
    if (cursor != null && !cursor.isBlank()) {
      try {
        before = Long.parseLong(cursor);
      } catch (NumberFormatException e) {
        errors.add(new FieldError("cursor", "'" + cursor + "' is not a cursor of this list"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    int size = limit == null ? DEFAULT_PAGE_SIZE : limit;
    Window<Job> page = jobs.page(s, t, before, size);
    List<JobView> views = page.stream().map(this::view).toList();
    return new JobPage(
        views,
        page.hasNext() && !views.isEmpty()
            ? String.valueOf(views.get(views.size() - 1).id())
            : null);
  }

  private static <E extends Enum<E>> E parseEnum(
      Class<E> type, String field, String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value)) {
        return e;
      }
    }
    errors.add(
        new FieldError(
            field, "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants())));
    return null;
  }

  public JobView cancel(long id) {
    Job job = get(id);
    Instant now = clock.instant();
    Optional<JobStatus> after =
        tx.execute(
            s -> {
              Optional<JobStatus> st = jobs.cancel(id, now);
              st.ifPresent(
                  status ->
                      jobs.event(
                          id,
                          status,
                          status == JobStatus.CANCELLED
                              ? "cancelled before it started"
                              : "cancel requested; the worker stops at its next step",
                          null,
                          now));
              return st;
            });
    if (after.isEmpty()) {
      throw new ConflictException(id, "job " + id + " already finished as " + job.status());
    }
    return view(id);
  }

  public List<EvaluationItem> items(long id) {
    get(id);
    return jobs.items(id);
  }

  public List<JobEvent> events(long id) {
    get(id);
    return jobs.events(id);
  }

  public List<MetricPoint> metrics(long id, String name, Integer sinceStep, Integer limit) {
    get(id);
    return jobs.metrics(
        id,
        name == null || name.isBlank() ? null : name,
        sinceStep == null ? 0 : sinceStep,
        limit == null ? DEFAULT_METRICS_LIMIT : limit);
  }
}
