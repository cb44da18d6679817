package dev.cogalign.trainer.experiment;

import dev.cogalign.serviceweb.FieldError;
import dev.cogalign.trainer.data.PipelineClient;
import dev.cogalign.trainer.error.ConflictException;
import dev.cogalign.trainer.error.InvalidRequestException;
import dev.cogalign.trainer.error.NotFoundException;
import dev.cogalign.trainer.error.TrainerException;
import dev.cogalign.trainer.experiment.CreateExperimentRequest.Replicate;
import dev.cogalign.trainer.experiment.ExperimentRepository.Experiment;
import dev.cogalign.trainer.experiment.ExperimentRepository.ExperimentJob;
import dev.cogalign.trainer.job.CreateJobRequest;
import dev.cogalign.trainer.job.EvaluationItem;
import dev.cogalign.trainer.job.Job;
import dev.cogalign.trainer.job.JobData;
import dev.cogalign.trainer.job.JobRepository;
import dev.cogalign.trainer.job.JobService;
import dev.cogalign.trainer.job.JobStatus;
import dev.cogalign.trainer.model.ModelRepository;
import dev.cogalign.trainer.model.PathDisclosure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates an experiment's jobs on the queue, with their dependencies (the preference arms and the
 * control start from sft_crv's model, every EVAL from its arm's model), and builds its report from
 * the jobs and their per-problem outcomes.
 */
@Service
public class ExperimentService {
  public static final int MAX_REPLICATES = 20;
  public static final int DEFAULT_PAGE_SIZE = 20;

  /** Hyperparameters of the control taken from the preference arms' when it has none. */
  static final List<String> CONTINUED_FROM_PO =
      List.of(
          "steps",
          "batchSize",
          "learningRate",
          "warmupSteps",
          "seed",
          "maxLength",
          "groupByLength");

  /** Each arm against the baseline it is judged by. */
  static final List<Arm[]> COMPARISONS =
      List.of(
          new Arm[] {Arm.SFT_CRV, Arm.SFT_TEACHER},
          new Arm[] {Arm.SFT_CRV_CONTINUED, Arm.SFT_CRV},
          new Arm[] {Arm.DPO, Arm.SFT_CRV_CONTINUED},
          new Arm[] {Arm.COGPO, Arm.SFT_CRV_CONTINUED},
          new Arm[] {Arm.COGPO, Arm.DPO});

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<JobStatus> ENDED_BADLY = Set.of(JobStatus.FAILED, JobStatus.CANCELLED);

  private final ExperimentRepository experiments;
  private final JobService jobService;
  private final JobRepository jobs;
  private final ModelRepository models;
  private final PipelineClient pipeline;
  private final Clock clock;
  private final PathDisclosure disclosure;

  ExperimentService(
      ExperimentRepository experiments,
      JobService jobService,
      JobRepository jobs,
      ModelRepository models,
      PipelineClient pipeline,
      Clock clock,
      PathDisclosure disclosure) {
    this.disclosure = disclosure;
    this.experiments = experiments;
    this.jobService = jobService;
    this.jobs = jobs;
    this.models = models;
    this.pipeline = pipeline;
    this.clock = clock;
  }

  /** Validates the request, submits every job (or none) and records the experiment. */
  public long create(CreateExperimentRequest request) {
    List<FieldError> errors = new ArrayList<>();
    List<Arm> arms = arms(request.arms(), errors);
    List<Replicate> replicates = request.replicates() == null ? List.of() : request.replicates();
    if (replicates.isEmpty() || replicates.size() > MAX_REPLICATES) {
      errors.add(
          new FieldError(
              "replicates",
              "needs 1 to " + MAX_REPLICATES + " replicates, got " + replicates.size()));
    }
    List<Long> datasets = new ArrayList<>();
    for (int i = 0; i < replicates.size(); i++) {
      datasets.add(trainingDataset(i, replicates.get(i), errors));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    List<Long> submitted = new ArrayList<>();
    List<ExperimentJob> rows = new ArrayList<>();
    try {
      // all SFT arms first, then what starts from them, then the evaluations: the queue claims in
      // id order, so both workers train the SFT arms of every replicate before anything waits
      Map<Integer, Map<Arm, Long>> trained = new LinkedHashMap<>();
      for (int phase = 0; phase < 2; phase++) {
        for (int i = 0; i < replicates.size(); i++) {
          Map<Arm, Long> mine = trained.computeIfAbsent(i, k -> new EnumMap<>(Arm.class));
          for (Arm arm : arms) {
            if (arm.fromSftCrv() != (phase == 1)) {
              continue;
            }
            long id =
                submit(
                    "replicates[" + i + "]." + arm.key(),
                    trainingJob(arm, replicates.get(i), datasets.get(i), mine, request));
            submitted.add(id);
            mine.put(arm, id);
            rows.add(new ExperimentJob(i, arm, ExperimentRepository.TRAIN, id));
          }
        }
      }
      for (int i = 0; i < replicates.size(); i++) {
        for (Arm arm : arms) {
          CreateJobRequest eval =
              new CreateJobRequest(
                  "EVAL",
                  null,
                  trained.get(i).get(arm),
                  new JobData(null, replicates.get(i).heldOutDatasetId(), null, null, null),
                  request.eval(),
                  null,
                  null,
                  null,
                  "experiment " + arm.key() + " eval");
          long id = submit("replicates[" + i + "]." + arm.key() + ".eval", eval);
          submitted.add(id);
          rows.add(new ExperimentJob(i, arm, ExperimentRepository.EVAL, id));
        }
      }
    } catch (RuntimeException e) {
      for (long id : submitted) {
        try {
          jobService.cancel(id);
        } catch (TrainerException ignored) {
          // already ended
        }
      }
      throw e;
    }
    String name =
        request.name() == null || request.name().isBlank() ? "experiment" : request.name();
    long id = experiments.insert(name, JSON.valueToTree(request), clock.instant());
    rows.forEach(row -> experiments.addJob(id, row));
    return id;
  }

  private long submit(String where, CreateJobRequest job) {
    try {
      return jobService.submit(job);
    } catch (InvalidRequestException e) {
      throw new InvalidRequestException(
          e.errors().stream()
              .map(f -> new FieldError(where + "." + f.field(), f.message()))
              .toList());
    }
  }

  private static List<Arm> arms(List<String> keys, List<FieldError> errors) {
    if (keys == null || keys.isEmpty()) {
      return List.of(Arm.values());
    }
    List<Arm> out = new ArrayList<>();
    for (String key : keys) {
      try {
        Arm arm = Arm.parse(key);
        if (!out.contains(arm)) {
          out.add(arm);
        }
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("arms", e.getMessage()));
      }
    }
    if (out.stream().anyMatch(Arm::fromSftCrv) && !out.contains(Arm.SFT_CRV)) {
      errors.add(new FieldError("arms", "dpo, cogpo and sft_crv_continued start from sft_crv"));
    }
    return out;
  }

  /** The dataset the replicate's run went over; a run that has not SUCCEEDED is a conflict. */
  private Long trainingDataset(int i, Replicate r, List<FieldError> errors) {
    String where = "replicates[" + i + "]";
    if (r == null || r.runId() == null || r.heldOutDatasetId() == null || r.baseModel() == null) {
      errors.add(new FieldError(where, "needs runId, heldOutDatasetId and baseModel"));
      return null;
    }
    Optional<PipelineClient.RunInfo> run = pipeline.run(r.runId());
    if (run.isEmpty()) {
      errors.add(new FieldError(where + ".runId", "run " + r.runId() + " does not exist"));
      return null;
    }
    if (!run.get().succeeded()) {
      throw new ConflictException(
          r.runId(),
          "run " + r.runId() + " is " + run.get().status() + ": an experiment needs finished runs");
    }
    if (run.get().datasetId() == r.heldOutDatasetId()) {
      errors.add(
          new FieldError(
              where + ".heldOutDatasetId",
              "is the dataset run " + r.runId() + " trains on; give held-out problems"));
    }
    return run.get().datasetId();
  }

  private static CreateJobRequest trainingJob(
      Arm arm, Replicate r, long datasetId, Map<Arm, Long> trained, CreateExperimentRequest req) {
    String annotations = req.annotations();
    String label = "experiment " + arm.key();
    JobData run = new JobData(r.runId(), null, null, null, annotations);
    Long sftCrv = trained.get(Arm.SFT_CRV);
    return switch (arm) {
      case SFT_TEACHER ->
          new CreateJobRequest(
              "SFT",
              r.baseModel(),
              null,
              new JobData(null, datasetId, null, null, annotations),
              req.sft(),
              null,
              null,
              null,
              label);
      case SFT_CRV ->
          new CreateJobRequest("SFT", r.baseModel(), null, run, req.sft(), null, null, null, label);
      case DPO -> new CreateJobRequest("DPO", null, sftCrv, run, req.po(), null, null, null, label);
      case COGPO ->
          new CreateJobRequest(
              "COGPO", null, sftCrv, run, withoutBeta(req.po()), req.betas(), null, null, label);
      case SFT_CRV_CONTINUED ->
          new CreateJobRequest("SFT", null, sftCrv, run, continued(req), null, null, null, label);
    };
  }

  /** CogPO takes its betas per mini-task; DPO's one beta does not apply. */
  private static JsonNode withoutBeta(JsonNode po) {
    if (po == null || !po.isObject()) {
      return po;
    }
    ObjectNode copy = ((ObjectNode) po).deepCopy();
    copy.remove("beta");
    return copy;
  }

  /** The control's hyperparameters: its own, else the preference arms' budget. */
  static JsonNode continued(CreateExperimentRequest req) {
    if (req.continued() != null && !req.continued().isNull()) {
      return req.continued();
    }
    ObjectNode out = JSON.createObjectNode();
    if (req.po() != null && req.po().isObject()) {
      for (String key : CONTINUED_FROM_PO) {
        if (req.po().has(key)) {
          out.set(key, req.po().get(key));
        }
      }
    }
    return out;
  }

  public ExperimentView view(long id) {
    Experiment e = experiments.find(id).orElseThrow(() -> new NotFoundException("experiment", id));
    CreateExperimentRequest request = JSON.treeToValue(e.request(), CreateExperimentRequest.class);
    List<ExperimentJob> rows = experiments.jobs(id);
    int n = request.replicates().size();
    Map<Arm, Job[]> train = new EnumMap<>(Arm.class);
    Map<Arm, Job[]> eval = new EnumMap<>(Arm.class);
    for (ExperimentJob row : rows) {
      Map<Arm, Job[]> target = ExperimentRepository.TRAIN.equals(row.role()) ? train : eval;
      Job job = jobService.get(row.jobId());
      target.computeIfAbsent(row.arm(), a -> new Job[n])[row.replicate()] = job;
    }
    List<Job> all = new ArrayList<>();
    train.values().forEach(js -> all.addAll(List.of(js)));
    eval.values().forEach(js -> all.addAll(List.of(js)));
    String status;
    String reason = null;
    Optional<Job> bad = all.stream().filter(j -> ENDED_BADLY.contains(j.status())).findFirst();
    Instant finished = null;
    if (bad.isPresent()) {
      status = "FAILED";
      reason = "job " + bad.get().id() + " ended " + bad.get().status() + ": " + bad.get().error();
    } else if (all.stream().allMatch(j -> j.status() == JobStatus.SUCCEEDED)) {
      status = "SUCCEEDED";
      finished = all.stream().map(Job::finishedAt).max(Instant::compareTo).orElse(e.createdAt());
    } else if (all.stream().anyMatch(j -> j.startedAt() != null)) {
      status = "RUNNING";
    } else {
      status = "QUEUED";
    }
    Map<Arm, List<boolean[]>> outcomes = new EnumMap<>(Arm.class);
    Map<String, ArmReport> arms = new LinkedHashMap<>();
    Integer heldOut = null;
    for (Arm arm : Arm.values()) {
      if (!train.containsKey(arm)) {
        continue;
      }
      ArmReport report = armReport(train.get(arm), eval.get(arm), outcomes, arm);
      arms.put(arm.key(), report);
      if (heldOut == null && report.total().stream().allMatch(t -> t != null)) {
        heldOut = report.total().get(0);
      }
    }
    List<Comparison> comparisons = new ArrayList<>();
    for (Arm[] pair : COMPARISONS) {
      List<boolean[]> a = outcomes.get(pair[0]);
      List<boolean[]> b = outcomes.get(pair[1]);
      if (a != null && b != null) {
        Bootstrap.Interval d =
            Bootstrap.difference(a, b, Bootstrap.DEFAULT_RESAMPLES, Bootstrap.DEFAULT_SEED);
        comparisons.add(
            new Comparison(pair[0].key(), pair[1].key(), d.estimate(), List.of(d.low(), d.high())));
      }
    }
    Instant end = finished != null ? finished : clock.instant();
    return new ExperimentView(
        e.id(),
        e.name(),
        status,
        reason,
        request.replicates(),
        heldOut,
        Duration.between(e.createdAt(), end).toMillis() / 1000.0,
        arms,
        comparisons,
        e.createdAt(),
        finished);
  }

  private ArmReport armReport(
      Job[] train, Job[] eval, Map<Arm, List<boolean[]>> outcomes, Arm arm) {
    List<Long> jobIds = new ArrayList<>();
    List<Long> evalIds = new ArrayList<>();
    List<String> status = new ArrayList<>();
    List<Double> accuracy = new ArrayList<>();
    List<Integer> correct = new ArrayList<>();
    List<Integer> total = new ArrayList<>();
    List<Integer> hitLimit = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    List<Long> modelIds = new ArrayList<>();
    List<boolean[]> perReplicate = new ArrayList<>();
    double wall = 0;
    for (int i = 0; i < train.length; i++) {
      Job t = train[i];
      Job v = eval == null ? null : eval[i];
      jobIds.add(t.id());
      evalIds.add(v == null ? null : v.id());
      status.add(t.status() + "/" + (v == null ? "-" : v.status()));
      if (t.startedAt() != null && t.finishedAt() != null) {
        wall += Duration.between(t.startedAt(), t.finishedAt()).toMillis() / 1000.0;
      }
      modelIds.add(t.outputModelId());
      paths.add(
          t.outputModelId() == null
              ? null
              : models.find(t.outputModelId()).map(m -> disclosure.show(m.path())).orElse(null));
      if (v != null && v.status() == JobStatus.SUCCEEDED) {
        List<EvaluationItem> items = jobs.items(v.id());
        boolean[] ok = new boolean[items.size()];
        int c = 0;
        int h = 0;
        for (int k = 0; k < ok.length; k++) {
          ok[k] = items.get(k).correct();
          c += ok[k] ? 1 : 0;
          h += items.get(k).hitLimit() ? 1 : 0;
        }
        perReplicate.add(ok);
        accuracy.add(ok.length == 0 ? 0.0 : (double) c / ok.length);
        correct.add(c);
        total.add(ok.length);
        hitLimit.add(h);
      } else {
        accuracy.add(null);
        correct.add(null);
        total.add(null);
        hitLimit.add(null);
      }
    }
    Double mean = null;
    List<Double> ci = null;
    if (perReplicate.size() == train.length && perReplicate.stream().allMatch(r -> r.length > 0)) {
      outcomes.put(arm, perReplicate);
      Bootstrap.Interval interval =
          Bootstrap.mean(perReplicate, Bootstrap.DEFAULT_RESAMPLES, Bootstrap.DEFAULT_SEED);
      mean = interval.estimate();
      ci = List.of(interval.low(), interval.high());
    }
    Job first = train[0];
    return new ArmReport(
        jobIds,
        evalIds,
        status,
        accuracy,
        correct,
        total,
        hitLimit,
        mean,
        ci,
        paths,
        modelIds,
        first.totalSteps(),
        first.hyperparameters().path("batchSize").asInt(0),
        wall);
  }

  public List<ExperimentView> page(Long before, Integer limit) {
    int size = limit == null ? DEFAULT_PAGE_SIZE : limit;
    return experiments.ids(before, size).stream().map(this::view).toList();
  }
}
