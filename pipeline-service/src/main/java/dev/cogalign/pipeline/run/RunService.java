package dev.cogalign.pipeline.run;

import dev.cogalign.crv.agent.AgentException;
import dev.cogalign.pipeline.agent.AgentServices;
import dev.cogalign.pipeline.dataset.DatasetRepository;
import dev.cogalign.pipeline.error.BadRequestException;
import dev.cogalign.pipeline.error.ConflictException;
import dev.cogalign.pipeline.error.UnavailableException;
import dev.cogalign.pipeline.problem.Cursor;
import dev.cogalign.pipeline.student.StudentCritic;
import dev.cogalign.pipeline.student.TrainerScores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Creates, reports on and cancels runs; the {@link RunExecutor} does the work. */
@Service
public class RunService {
  private final DatasetRepository datasets;
  private final RunRepository runs;
  private final RunExecutor executor;
  private final AgentServices agents;
  private final TrainerScores trainer;
  private final Clock clock;

  RunService(
      DatasetRepository datasets,
      RunRepository runs,
      RunExecutor executor,
      AgentServices agents,
      TrainerScores trainer,
      Clock clock) {
    this.trainer = trainer;
    this.datasets = datasets;
    this.runs = runs;
    this.executor = executor;
    this.agents = agents;
    this.clock = clock;
  }

  public long create(RunRequest request) {
    datasets.get(request.datasetId());
    RunConfig config = RunConfig.of(request);
    agents.check(config.backends());
    checkStudent(config.backends(), request.studentModelId());
    long id = runs.create(request.datasetId(), config);
    executor.start(id);
    return id;
  }

  /**
   * The student critic needs a model registered with trainer-service (400 naming {@code
   * studentModelId} otherwise, 503 when trainer-service cannot be asked); other critics take none.
   */
  private void checkStudent(Backends backends, Long studentModelId) {
    boolean student = StudentCritic.BACKEND.equals(backends.critic());
    if (!student) {
      if (studentModelId != null) {
        throw new BadRequestException(
            "studentModelId",
            "is only used when backends.critic is "
                + StudentCritic.BACKEND
                + ", not "
                + backends.critic());
      }
      return;
    }
    if (studentModelId == null) {
      throw new BadRequestException(
          "studentModelId",
          "is required when backends.critic is "
              + StudentCritic.BACKEND
              + ": the id of a model registered with trainer-service");
    }
    boolean registered;
    try {
      registered = trainer.registered(studentModelId);
    } catch (AgentException e) {
      throw new UnavailableException(
          "cannot check the student model with trainer-service: " + e.getMessage(), e);
    }
    if (!registered) {
      throw new BadRequestException(
          "studentModelId", "no model " + studentModelId + " is registered with trainer-service");
    }
  }

  public RunView view(long id) {
    return view(runs.get(id));
  }

  /** The stored run, counters and version included, in one statement; 404 for an unknown id. */
  Run run(long id) {
    return runs.get(id);
  }

  /** The view of a stored run: computed from its row, no further query. */
  RunView view(Run run) {
    Map<ProblemState, Long> counts = run.counts();
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    long pending = counts.get(ProblemState.PENDING);
    long done = total - pending;
    double perSecond = 0;
    if (run.startedAt() != null) {
      Instant end = run.finishedAt() != null ? run.finishedAt() : clock.instant();
      double seconds = Duration.between(run.startedAt(), end).toNanos() / 1e9;
      perSecond = seconds > 0 ? done / seconds : 0;
    }
    Double remaining;
    if (run.status().finished()) {
      remaining = 0.0;
    } else {
      remaining = perSecond > 0 ? pending / perSecond : null;
    }
    return new RunView(
        run.id(),
        run.datasetId(),
        run.status(),
        run.config(),
        total,
        counts,
        run.pairs(),
        perSecond,
        remaining,
        run.reason(),
        run.createdAt(),
        run.startedAt(),
        run.finishedAt());
  }

  /** Cancels a QUEUED or RUNNING run; its PENDING problems stay PENDING. */
  public RunView cancel(long id) {
    Run run = runs.get(id);
    executor.cancel(id);
    if (!runs.finish(id, RunStatus.CANCELLED, "cancelled by request")) {
      throw new ConflictException(id, "run " + id + " has already finished: " + run.status());
    }
    return view(id);
  }

  /** The newest runs first, of one dataset (when given) or of all, in one statement. */
  public List<RunView> list(Long datasetId, int limit) {
    return runs.newest(datasetId, limit).stream().map(this::view).toList();
  }

  /** One page of the run's problem states, by problem id. */
  public RunProblemPage problems(long id, ProblemState state, String cursor, int limit) {
    runs.get(id);
    List<RunProblem> rows = runs.problems(id, state, Cursor.decode(cursor), limit + 1);
    if (rows.size() <= limit) {
      return new RunProblemPage(rows, null);
    }
    List<RunProblem> items = rows.subList(0, limit);
    return new RunProblemPage(items, Cursor.encode(items.get(limit - 1).problemId()));
  }

  /** Fails with 404 for an unknown run. */
  public void check(long id) {
    runs.get(id);
  }
}
