package dev.cogalign.trainer.worker;

import dev.cogalign.trainer.config.TrainerProperties;
import dev.cogalign.trainer.job.Job;
import dev.cogalign.trainer.job.JobRepository;
import dev.cogalign.trainer.job.JobStatus;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This replica's worker: a scheduler polls the queue while fewer than {@code concurrency} jobs run
 * here, claims a job atomically ({@code FOR UPDATE SKIP LOCKED}) with a lease, and renews the
 * leases of its jobs by heartbeat (times from the injected {@link Clock}). A job whose worker died
 * is claimed again once its lease has expired and resumes from its last checkpoint; a worker that
 * finds its lease gone stops the job and writes nothing more. On shutdown the running jobs
 * checkpoint and go back to the queue.
 */
@Component
public class JobWorker implements SmartLifecycle {
  public static final long DEFAULT_SHUTDOWN_GRACE_SECONDS = 120;
  private static final Logger LOG = LoggerFactory.getLogger(JobWorker.class);

  private final TrainerProperties.Worker settings;
  private final JobRepository jobs;
  private final JobExecutor executor;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final String id;
  private final Map<Long, RunningJob> active = new ConcurrentHashMap<>();
  private volatile ScheduledExecutorService scheduler;
  private volatile ExecutorService pool;
  private volatile boolean running;

  JobWorker(
      TrainerProperties properties,
      JobRepository jobs,
      JobExecutor executor,
      TransactionTemplate tx,
      Clock clock) {
    this.settings = properties.worker();
    this.jobs = jobs;
    this.executor = executor;
    this.tx = tx;
    this.clock = clock;
    this.id =
        settings.id() == null || settings.id().isBlank()
            ? hostName() + "-" + UUID.randomUUID().toString().substring(0, 8)
            : settings.id();
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "worker";
    }
  }

  /** This worker's name in leases and events. */
  public String id() {
    return id;
  }

  /** Jobs running here now. */
  public int activeJobs() {
    return active.size();
  }

  @Override
  public void start() {
    if (!settings.enabled()) {
      return;
    }
    AtomicInteger threads = new AtomicInteger();
    scheduler =
        Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "trainer-scheduler-" + id));
    pool =
        Executors.newFixedThreadPool(
            settings.concurrency(),
            r -> daemon(r, "trainer-job-" + id + "-" + threads.incrementAndGet()));
    long poll = settings.pollInterval().toMillis();
    long heartbeat = settings.heartbeatInterval().toMillis();
    scheduler.scheduleWithFixedDelay(
        () -> safely("poll", this::poll), 0, poll, TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(
        () -> safely("heartbeat", this::heartbeat), heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    running = true;
    LOG.info("worker {} started: {} job(s) at a time", id, settings.concurrency());
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static void safely(String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.warn("worker {} failed; retrying on the next tick", what, e);
    }
  }

  /** Claims jobs while there is room. */
  void poll() {
    while (active.size() < settings.concurrency() && !scheduler.isShutdown()) {
      if (!EngineSlots.tryTake()) {
        return;
      }
      Optional<Job> claimed;
      try {
        claimed = tx.execute(s -> claimOne());
      } catch (RuntimeException e) {
        EngineSlots.give();
        throw e;
      }
      if (claimed.isEmpty()) {
        EngineSlots.give();
        return;
      }
      Job job = claimed.get();
      RunningJob handle = new RunningJob(job.id());
      active.put(job.id(), handle);
      pool.execute(
          () -> {
            try {
              executor.execute(job, handle, id);
            } finally {
              active.remove(job.id());
              EngineSlots.give();
            }
          });
    }
  }

  private Optional<Job> claimOne() {
    Instant now = clock.instant();
    jobs.failOrphans(now);
    Optional<Job> claimed = jobs.claim(id, now, now.plus(settings.leaseDuration()));
    claimed.ifPresent(
        job -> {
          int from = job.checkpointStep() == null ? 0 : job.checkpointStep();
          jobs.rewindMetrics(job.id(), from);
          jobs.event(
              job.id(),
              JobStatus.RUNNING,
              "claimed (attempt "
                  + job.attempts()
                  + ")"
                  + (job.checkpointStep() == null
                      ? ""
                      : ", resuming from the checkpoint at step " + job.checkpointStep()),
              id,
              now);
        });
    return claimed;
  }

  /** Renews the lease of every job running here; notices cancel requests and lost leases. */
  void heartbeat() {
    Instant until = clock.instant().plus(settings.leaseDuration());
    for (RunningJob job : active.values()) {
      Optional<Boolean> cancel = jobs.renew(job.id(), id, until);
      if (cancel.isEmpty()) {
        LOG.warn("worker {} lost the lease of job {}", id, job.id());
        job.loseLease();
      } else if (cancel.get()) {
        job.cancel();
      }
    }
  }

  /**
   * Stops polling and heartbeats without touching running jobs: they keep computing until their
   * lease lapses and another worker takes them over (what a hung or partitioned worker looks like
   * to the others).
   */
  public void stopScheduler() {
    ScheduledExecutorService s = scheduler;
    if (s != null) {
      s.shutdownNow();
    }
  }

  /**
   * Stops as a crashed process would: no more polling or heartbeats, and the running jobs are
   * abandoned at their next step without another word to the database. Their leases lapse and other
   * workers resume them from their last recorded checkpoint.
   */
  public void halt() {
    stopScheduler();
    active.values().forEach(RunningJob::loseLease);
  }

  @Override
  public void stop() {
    if (!running) {
      return;
    }
    running = false;
    stopScheduler();
    active.values().forEach(RunningJob::shutDown);
    pool.shutdown();
    try {
      if (!pool.awaitTermination(DEFAULT_SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("worker {}: jobs {} did not stop in time", id, active.keySet());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("worker {} stopped", id);
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
