package dev.cogalign.trainer.job;

import dev.cogalign.cogpo.train.eval.Evaluation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jobs of {@code trainer.job} and their metrics, status log and evaluation items. Inserts and
 * reads go through Spring Data JPA ({@link JobRows}, {@link JobEventRows}, {@link JobMetricRows},
 * {@link EvaluationItemRows}); the queue's statements stay SQL (JdbcClient), because each is one
 * atomic conditional update that also returns what it changed, which JPA cannot say: the claim
 * ({@code FOR UPDATE SKIP LOCKED} on a subquery, the base job's model copied in the same
 * statement), and every write a worker makes after its claim, conditional on still holding the
 * lease ({@code lease_owner = worker and status = 'RUNNING'}), so a worker that lost its lease
 * changes nothing. Entities are {@code @Immutable}: no dirty checking can overwrite such a write.
 */
@Repository
public class JobRepository {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcClient jdbc;
  private final JobRows rows;
  private final JobEventRows events;
  private final JobMetricRows metrics;
  private final EvaluationItemRows items;

  JobRepository(
      JdbcClient jdbc,
      JobRows rows,
      JobEventRows events,
      JobMetricRows metrics,
      EvaluationItemRows items) {
    this.jdbc = jdbc;
    this.rows = rows;
    this.events = events;
    this.metrics = metrics;
    this.items = items;
  }

  static OffsetDateTime ts(Instant i) {
    return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  /** A new QUEUED job. */
  public long insert(NewJob j, Instant now) {
    return rows.save(new JobEntity(j, now)).id();
  }

  public Optional<Job> find(long id) {
    return rows.findById(id).map(JobEntity::toJob);
  }

  /**
   * Newest first: {@code limit} jobs with ids below {@code before} (all when null), of that status
   * and type when not null.
   */
  public Window<Job> page(JobStatus status, JobType type, Long before, int limit) {
    ScrollPosition position =
        before == null ? ScrollPosition.keyset() : ScrollPosition.forward(Map.of("id", before));
    Limit max = Limit.of(limit);
    Window<JobEntity> page =
        status == null && type == null
            ? rows.findByOrderByIdDesc(position, max)
            : type == null
                ? rows.findByStatusOrderByIdDesc(status, position, max)
                : status == null
                    ? rows.findByTypeOrderByIdDesc(type, position, max)
                    : rows.findByStatusAndTypeOrderByIdDesc(status, type, position, max);
    return page.map(JobEntity::toJob);
  }

  /**
   * Claims the oldest job that is ready (queued, and its base job, if any, has SUCCEEDED) or whose
   * lease has expired, atomically: the row is locked with {@code FOR UPDATE SKIP LOCKED}, so
   * concurrent claimers take different rows. A job waiting for a base job gets that job's output
   * model as its base model. The attempt restarts at the last checkpoint's step. SQL: one statement
   * that selects, locks and updates (JPA would need a locked read, then an update).
   */
  public Optional<Job> claim(String worker, Instant now, Instant leaseUntil) {
    return jdbc.sql(
            """
            update job set status = 'RUNNING', lease_owner = ?, lease_expires_at = ?,
                attempts = attempts + 1, attempt_started_at = ?, started_at = coalesce(started_at, ?),
                steps_completed = coalesce(checkpoint_step, 0),
                attempt_start_step = coalesce(checkpoint_step, 0),
                base_model_id = coalesce(job.base_model_id,
                                         (select b.output_model_id from job b where b.id = job.base_job_id))
            where id = (select j.id from job j
                        where (j.status = 'QUEUED'
                               and (j.base_job_id is null
                                    or exists (select 1 from job b where b.id = j.base_job_id
                                               and b.status = 'SUCCEEDED')))
                           or (j.status = 'RUNNING' and j.lease_expires_at < ?)
                        order by j.id limit 1 for update of j skip locked)
            returning id""")
        .params(worker, ts(leaseUntil), ts(now), ts(now), ts(now))
        .query(Long.class)
        .optional()
        .flatMap(this::find);
  }

  /**
   * Fails the queued jobs whose base job ended without a model (FAILED or CANCELLED), recording
   * why; returns their ids. Jobs waiting on those fail at the next call.
   */
  public List<Long> failOrphans(Instant now) {
    List<Long> ids =
        jdbc.sql(
                """
                update job set status = 'FAILED', finished_at = ?,
                    error = 'base job ' || base_job_id || ' ended '
                            || (select b.status from job b where b.id = job.base_job_id)
                            || ' without a model'
                where status = 'QUEUED' and base_job_id in
                      (select id from job where status in ('FAILED', 'CANCELLED'))
                returning id""")
            .param(ts(now))
            .query(Long.class)
            .list();
    ids.forEach(id -> event(id, JobStatus.FAILED, "its base job ended without a model", null, now));
    return ids;
  }

  /** Drops metrics a resumed attempt will compute again and restores the latest ones. */
  public void rewindMetrics(long jobId, int step) {
    metrics.deleteAfter(jobId, step);
    jdbc.sql(
            """
            update job set latest_metrics = (select metrics from job_metric
                                             where job_id = ? and step = ?),
                epochs_completed = coalesce((select (metrics ->> 'epoch')::float8 from job_metric
                                             where job_id = ? and step = ?), 0)
            where id = ?""")
        .params(jobId, step, jobId, step, jobId)
        .update();
  }

  /** Extends the lease; empty when the worker no longer holds it, else whether cancel was asked. */
  public Optional<Boolean> renew(long id, String worker, Instant leaseUntil) {
    return jdbc.sql(
            """
            update job set lease_expires_at = ?
            where id = ? and lease_owner = ? and status = 'RUNNING' returning cancel_requested""")
        .params(ts(leaseUntil), id, worker)
        .query(Boolean.class)
        .optional();
  }

  /** Records a step; empty when the worker no longer holds the lease, else cancel_requested. */
  public Optional<Boolean> recordStep(
      long id, String worker, int step, double epoch, Map<String, Double> metrics) {
    String json = JSON.writeValueAsString(metrics);
    Optional<Boolean> cancel =
        jdbc.sql(
                """
                update job set steps_completed = ?, epochs_completed = ?,
                    latest_metrics = cast(? as jsonb)
                where id = ? and lease_owner = ? and status = 'RUNNING'
                returning cancel_requested""")
            .params(step, epoch, json, id, worker)
            .query(Boolean.class)
            .optional();
    if (cancel.isPresent()) {
      this.metrics.upsert(id, step, json);
    }
    return cancel;
  }

  public boolean recordCheckpoint(long id, String worker, String path, int step) {
    return jdbc.sql(
                """
                update job set checkpoint_path = ?, checkpoint_step = ?
                where id = ? and lease_owner = ? and status = 'RUNNING'""")
            .params(path, step, id, worker)
            .update()
        == 1;
  }

  /** Ends the worker's hold with a final status; false when it no longer held the lease. */
  public boolean finish(
      long id, String worker, JobStatus status, Long outputModelId, String error, Instant now) {
    return jdbc.sql(
                """
                update job set status = ?, output_model_id = ?, error = ?, finished_at = ?,
                    lease_owner = null, lease_expires_at = null
                where id = ? and lease_owner = ? and status = 'RUNNING'""")
            .params(status.name(), outputModelId, error, ts(now), id, worker)
            .update()
        == 1;
  }

  /** Hands a job back to the queue (this worker is stopping); its checkpoint stays. */
  public boolean requeue(long id, String worker) {
    return jdbc.sql(
                """
                update job set status = 'QUEUED', lease_owner = null, lease_expires_at = null
                where id = ? and lease_owner = ? and status = 'RUNNING'""")
            .params(id, worker)
            .update()
        == 1;
  }

  /**
   * Asks a job to stop: a QUEUED one is CANCELLED at once, a RUNNING one flagged for its worker.
   * Empty when the job is not QUEUED or RUNNING; else the status after the update.
   */
  public Optional<JobStatus> cancel(long id, Instant now) {
    return jdbc.sql(
            """
            update job set cancel_requested = true,
                status = case when status = 'QUEUED' then 'CANCELLED' else status end,
                finished_at = case when status = 'QUEUED' then ? else finished_at end
            where id = ? and status in ('QUEUED', 'RUNNING') returning status""")
        .params(ts(now), id)
        .query((rs, n) -> JobStatus.valueOf(rs.getString(1)))
        .optional();
  }

  /** Every evaluated problem's outcome of an EVAL job, in evaluation order, in JDBC batches. */
  public void insertItems(long jobId, List<Evaluation.Item> outcomes) {
    List<EvaluationItemEntity> batch = new ArrayList<>(outcomes.size());
    for (int i = 0; i < outcomes.size(); i++) {
      Evaluation.Item item = outcomes.get(i);
      batch.add(
          new EvaluationItemEntity(
              jobId,
              i,
              new EvaluationItem(
                  item.id(),
                  item.gold(),
                  item.extracted(),
                  item.correct(),
                  item.newTokens(),
                  item.hitTokenLimit(),
                  item.output())));
    }
    items.saveAll(batch);
  }

  /** An EVAL job's per-problem outcomes, in evaluation order. */
  public List<EvaluationItem> items(long jobId) {
    return items.findByJobIdOrderByPosition(jobId).stream()
        .map(EvaluationItemEntity::toItem)
        .toList();
  }

  public void event(long jobId, JobStatus status, String message, String worker, Instant now) {
    events.save(new JobEventEntity(jobId, status, message, worker, now));
  }

  public List<JobEvent> events(long jobId) {
    return events.findByJobIdOrderById(jobId).stream().map(JobEventEntity::toEvent).toList();
  }

  public List<MetricPoint> metrics(long jobId, String name, int sinceStep, int limit) {
    return metrics.since(jobId, sinceStep, name, limit).stream()
        .map(
            point -> {
              Map<String, Double> values = new LinkedHashMap<>();
              JSON.readTree(point.getMetrics())
                  .properties()
                  .forEach(
                      e -> {
                        if (name == null || name.equals(e.getKey())) {
                          values.put(e.getKey(), e.getValue().asDouble());
                        }
                      });
              return new MetricPoint(point.getStep(), values);
            })
        .toList();
  }
}
