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
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
  private final ModelService models;
  private final PipelineClient pipeline;
  private final TrainerProperties properties;
  private final CodeVersion codeVersion;
  private final TransactionTemplate tx;
  private final Clock clock;

  JobService(
      JobRepository jobs,
      ModelService models,
      PipelineClient pipeline,
      TrainerProperties properties,
      CodeVersion codeVersion,
      TransactionTemplate tx,
      Clock clock) {
    this.jobs = jobs;
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
    List<String> modelReasons = new ArrayList<>();
    Optional<ModelService.ModelRef> model = models.resolve(request.baseModel(), modelReasons);
    modelReasons.forEach(r -> errors.add(new FieldError("baseModel", r)));
    Map<String, Double> betas = request.betas() == null ? Map.of() : request.betas();
    JobOptions.validateBetas(betas, errors);

    TrainingConfig config = null;
    EvalSettings eval = null;
    if (type == JobType.EVAL) {
      eval = JobOptions.evalSettings(hp, errors);
    } else if (type != null) {
      config = JobOptions.trainingConfig(type, hp, properties.checkpointEvery(), errors);
    }

    DataSnapshot data = type == null ? null : data(type, request.data(), betas, eval, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    int totalSteps =
        type == JobType.EVAL
            ? (eval.limit() > 0 ? Math.min(eval.limit(), data.count()) : data.count())
            : config.totalSteps(data.count());
    JsonNode effective = JSON.valueToTree(type == JobType.EVAL ? eval : config);
    Instant now = clock.instant();
    Long runId = request.data().runId();
    DataSnapshot snapshot = data;
    TrainingConfig trainingConfig = config;
    return tx.execute(
        status -> {
          long baseModelId = models.ensureRegistered(model.get());
          long id =
              jobs.insert(
                  type,
                  baseModelId,
                  runId,
                  snapshot.source(),
                  snapshot.file().toString(),
                  snapshot.sha256(),
                  snapshot.count(),
                  effective,
                  trainingConfig != null && trainingConfig.method().isPreference() ? betas : null,
                  totalSteps,
                  codeVersion.value(),
                  now);
          jobs.event(
              id,
              JobStatus.QUEUED,
              "submitted: "
                  + snapshot.count()
                  + " records from "
                  + snapshot.source()
                  + " (sha256 "
                  + snapshot.sha256()
                  + "), "
                  + totalSteps
                  + " steps",
              null,
              now);
          return id;
        });
  }

  private DataSnapshot data(
      JobType type,
      JobData data,
      Map<String, Double> betas,
      EvalSettings eval,
      List<FieldError> errors) {
    if (data == null || (data.runId() == null && data.benchmark() == null)) {
      errors.add(
          new FieldError(
              "data.runId",
              type == JobType.EVAL
                  ? "is required (or data.benchmark)"
                  : "is required: the pipeline run to train on"));
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
    Optional<DataSnapshot> snapshot =
        pipeline.snapshot(
            data.runId(),
            pairs ? PipelineClient.Export.PAIRS : PipelineClient.Export.SFT,
            pairs ? betas : Map.of());
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
    data.put("source", j.dataSource());
    data.put("sha256", j.dataSha256());
    data.put("count", j.dataCount());
    return new JobView(
        j.id(),
        j.type(),
        j.status(),
        j.baseModelId(),
        data,
        j.hyperparameters(),
        j.betas(),
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
    List<Job> rows = jobs.page(s, t, before, size + 1);
    boolean more = rows.size() > size;
    List<Job> page = more ? rows.subList(0, size) : rows;
    return new JobPage(
        page.stream().map(this::view).toList(),
        more ? String.valueOf(page.get(page.size() - 1).id()) : null);
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
