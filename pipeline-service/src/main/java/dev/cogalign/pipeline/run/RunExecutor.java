package dev.cogalign.pipeline.run;

import dev.cogalign.crv.agent.AgentException;
import dev.cogalign.crv.agent.Critic;
import dev.cogalign.pipeline.agent.AgentServices;
import dev.cogalign.pipeline.agent.AgentUnavailable;
import dev.cogalign.pipeline.error.NotFoundException;
import dev.cogalign.pipeline.revision.RevisionRepository;
import dev.cogalign.pipeline.student.StudentCalibration;
import dev.cogalign.pipeline.student.StudentCritic;
import dev.cogalign.pipeline.student.StudentCriticConfig;
import dev.cogalign.pipeline.student.TrainerScores;
import dev.cogalign.serviceweb.database.DatabaseOutage;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Executes runs on a bounded pool of {@code cogalign.runs.workers} threads. Each run has one
 * coordinator that hands its PENDING problems to the pool, at most {@code concurrency} at a time,
 * and records each outcome. All state is in Postgres: a run is executed by the instance holding its
 * lease ({@link RunLeases}); at startup and periodically, runs left QUEUED or RUNNING that no
 * instance holds resume with their PENDING problems, reusing every step already stored. A cancel
 * made through any instance reaches the executing one through the run's status, read at most every
 * {@link #STATUS_INTERVAL}. When PostgreSQL becomes unreachable ({@link DatabaseOutage}) the run
 * stops where it is, nothing recorded as failed: its problems stay PENDING with their stored steps,
 * and the adoption after the outage resumes it.
 */
@Component
class RunExecutor implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);

  /**
   * How often a coordinator reads its run's status between two problems, to see a cancel made
   * through another instance (one made here reaches the workers at once).
   */
  static final Duration STATUS_INTERVAL = Duration.ofSeconds(1);

  /**
   * How many PENDING problems a coordinator reads at once for its workers: two statements per batch
   * instead of two per problem.
   */
  static final int INPUT_BATCH = 64;

  private final RunRepository runs;
  private final RevisionRepository revisions;
  private final CrvProcessor processor;
  private final AgentServices agents;
  private final RunProperties properties;
  private final RunLeases leases;
  private final RunMeters meters;
  private final StudentCalibration calibration;
  private final TrainerScores trainer;
  private final Clock clock;
  private final ExecutorService workers;
  private final ExecutorService coordinators;
  private final ScheduledExecutorService adopter;
  private final Set<Long> active = ConcurrentHashMap.newKeySet();
  private final Set<Long> cancelled = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  RunExecutor(
      RunRepository runs,
      RevisionRepository revisions,
      CrvProcessor processor,
      AgentServices agents,
      RunProperties properties,
      RunLeases leases,
      RunMeters meters,
      StudentCalibration calibration,
      TrainerScores trainer,
      Clock clock) {
    this.calibration = calibration;
    this.trainer = trainer;
    this.clock = clock;
    this.meters = meters;
    this.runs = runs;
    this.revisions = revisions;
    this.leases = leases;
    this.processor = processor;
    this.agents = agents;
    this.properties = properties;
    this.workers = Executors.newFixedThreadPool(properties.workers(), threads("crv-worker-"));
    this.coordinators = Executors.newCachedThreadPool(threads("crv-run-"));
    this.adopter = Executors.newSingleThreadScheduledExecutor(threads("crv-adopt-"));
  }

  /**
   * At startup, and every {@code cogalign.runs.adopt-interval} after, starts the unfinished runs no
   * instance holds: those a restart or a crashed instance left behind.
   */
  @EventListener(ApplicationReadyEvent.class)
  void adoptOrphans() {
    if (properties.resumeOnStart()) {
      resumeUnfinished();
      long interval = properties.adoptInterval().toMillis();
      adopter.scheduleWithFixedDelay(this::adoptQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }
  }

  /** Starts every QUEUED or RUNNING run not executing here; another instance's leases hold. */
  void resumeUnfinished() {
    runs.unfinished().forEach(this::start);
  }

  private void adoptQuietly() {
    try {
      resumeUnfinished();
    } catch (RuntimeException e) {
      log.warn("adopting unfinished runs failed: {}", e.getMessage());
    }
  }

  /** Starts (or resumes) a run unless it is already executing here. */
  void start(long runId) {
    if (active.add(runId)) {
      coordinators.execute(() -> coordinate(runId));
    }
  }

  /** Asks a running run's workers to stop between two steps. */
  void cancel(long runId) {
    cancelled.add(runId);
  }

  boolean executing(long runId) {
    return active.contains(runId);
  }

  private void coordinate(long runId) {
    try (var lease = leases.tryAcquire(runId).orElse(null)) {
      if (lease != null) {
        execute(runId);
      }
    } catch (SQLException e) {
      log.warn("run {}: no lease: {}", runId, e.getMessage());
    } finally {
      active.remove(runId);
      cancelled.remove(runId);
    }
  }

  private void execute(long runId) {
    try {
      Run run = runs.get(runId);
      if (run.status().finished()) {
        return;
      }
      runs.markRunning(runId);
      Critic critic = critic(run);
      if (critic == null) {
        return;
      }
      RunContext context =
          new RunContext(
              runId,
              run.config(),
              critic,
              agents.rethinker(run.config().backends()),
              agents.verifier(run.config().backends()),
              () -> stopping || cancelled.contains(runId),
              revisions.problemsWithSteps(runId));
      Semaphore permits = new Semaphore(Math.min(run.config().concurrency(), properties.workers()));
      List<Future<?>> tasks = new ArrayList<>();
      AtomicBoolean databaseLost = new AtomicBoolean();
      RuntimeException coordinatorFailed = null;
      try {
        submitPending(context, permits, tasks, databaseLost);
      } catch (RuntimeException e) {
        coordinatorFailed = e; // a batch's read failed (PostgreSQL lost, say): workers end first
      }
      // every task ends before the run is left: a run adopted again after an outage must not find
      // this coordinator's workers still at its problems
      ExecutionException failed = null;
      for (Future<?> task : tasks) {
        try {
          task.get();
        } catch (ExecutionException e) {
          failed = failed == null ? e : failed;
        }
      }
      if (coordinatorFailed != null) {
        throw coordinatorFailed;
      }
      if (failed != null) {
        throw failed;
      }
      if (!context.cancelled().getAsBoolean()) {
        complete(runId);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | RuntimeException e) {
      if (DatabaseOutage.causedBy(e)) {
        log.warn(
            "run {}: the database is unreachable ({}); its unfinished problems stay PENDING and"
                + " the run resumes when it is back",
            runId,
            e.getMessage());
      } else if (!stopping) {
        log.error("run {} failed", runId, e);
        if (runs.finish(runId, RunStatus.FAILED, String.valueOf(e.getMessage()))) {
          meters.finished(RunStatus.FAILED);
        }
      }
    }
  }

  /**
   * Hands the run's PENDING problems to the workers, at most {@code permits} at a time, reading
   * them {@value #INPUT_BATCH} at a time ({@link CrvProcessor#inputs}); stops early when the run is
   * cancelled or a worker lost the database.
   */
  private void submitPending(
      RunContext context, Semaphore permits, List<Future<?>> tasks, AtomicBoolean databaseLost)
      throws InterruptedException {
    long runId = context.runId();
    long statusChecked = System.nanoTime();
    List<Long> pending = runs.pendingProblems(runId);
    for (int from = 0; from < pending.size(); from += INPUT_BATCH) {
      List<Long> batch = pending.subList(from, Math.min(pending.size(), from + INPUT_BATCH));
      Map<Long, ProblemInput> inputs = processor.inputs(batch);
      for (long problemId : batch) {
        permits.acquire();
        if (databaseLost.get()) {
          permits.release();
          return;
        }
        if (System.nanoTime() - statusChecked >= STATUS_INTERVAL.toNanos()) {
          statusChecked = System.nanoTime();
          if (runs.status(runId) == RunStatus.CANCELLED) {
            cancelled.add(runId);
          }
        }
        if (context.cancelled().getAsBoolean()) {
          permits.release();
          return;
        }
        ProblemInput input = inputs.get(problemId);
        tasks.add(
            workers.submit(
                () -> {
                  try {
                    processOne(context, problemId, input);
                  } catch (RuntimeException e) {
                    if (DatabaseOutage.causedBy(e)) {
                      databaseLost.set(true);
                    }
                    throw e;
                  } finally {
                    permits.release();
                  }
                }));
      }
    }
  }

  /**
   * The run's critic: an agent service, or the student critic, calibrated on the student when the
   * run first starts (stored with the run, reused when it resumes). Null when trainer-service
   * cannot be reached to calibrate: the run stays unfinished, its problems PENDING, and the next
   * adoption tries again.
   */
  private Critic critic(Run run) {
    RunConfig config = run.config();
    if (!StudentCritic.BACKEND.equals(config.backends().critic())) {
      return agents.critic(config.backends());
    }
    StudentCriticConfig student = config.studentCritic();
    if (student == null) {
      throw new IllegalStateException("run " + run.id() + " has no student model");
    }
    if (!student.calibrated()) {
      try {
        student = calibration.calibrate(run.id(), student.modelId());
      } catch (AgentException e) {
        if (e.getCause() instanceof RuntimeException cause && AgentUnavailable.unreachable(cause)) {
          log.warn(
              "run {}: trainer-service is unreachable to calibrate the student critic ({}); the"
                  + " run stays unfinished and is adopted again",
              run.id(),
              e.getMessage());
          return null;
        }
        throw e;
      }
      runs.storeStudentCritic(run.id(), student);
    }
    return new StudentCritic(trainer, student.modelId(), student.thresholds(), clock);
  }

  private void processOne(RunContext context, long problemId, ProblemInput input) {
    Outcome outcome;
    try {
      if (input == null) {
        throw new NotFoundException("problem", problemId);
      }
      outcome = processor.process(context, input);
    } catch (RunCancelledException e) {
      return;
    } catch (RuntimeException e) {
      if (context.cancelled().getAsBoolean()) {
        return;
      }
      if (DatabaseOutage.causedBy(e)) {
        throw e; // not the problem's failure: it stays PENDING, the run stops until adopted again
      }
      log.warn("run {} problem {} failed: {}", context.runId(), problemId, e.getMessage());
      outcome = Outcome.of(ProblemState.FAILED, String.valueOf(e.getMessage()));
    }
    runs.record(context.runId(), problemId, outcome);
    meters.problem(outcome);
  }

  /** SUCCEEDED, unless every problem failed (the agents were unreachable, say). */
  private void complete(long runId) {
    var counts = runs.counts(runId);
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    long failed = counts.get(ProblemState.FAILED);
    if (counts.get(ProblemState.PENDING) > 0) {
      return;
    }
    if (total > 0 && failed == total) {
      if (runs.finish(runId, RunStatus.FAILED, "every problem failed; see the problems' reasons")) {
        meters.finished(RunStatus.FAILED);
      }
    } else if (runs.finish(
        runId, RunStatus.SUCCEEDED, failed == 0 ? null : failed + " problems failed")) {
      meters.finished(RunStatus.SUCCEEDED);
    }
  }

  @Override
  public void destroy() throws InterruptedException {
    stopping = true;
    adopter.shutdownNow();
    coordinators.shutdownNow();
    workers.shutdownNow();
    workers.awaitTermination(10, TimeUnit.SECONDS);
    coordinators.awaitTermination(10, TimeUnit.SECONDS);
  }

  private static java.util.concurrent.ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
