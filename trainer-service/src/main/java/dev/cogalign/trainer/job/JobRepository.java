package dev.cogalign.trainer.job;

import dev.cogalign.cogpo.train.eval.Evaluation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The queue in {@code trainer.job}. Every write a worker makes after its claim is conditional on
 * still holding the lease ({@code lease_owner = worker and status = 'RUNNING'}), so a worker that
 * lost its lease changes nothing.
 */
@Repository
public class JobRepository {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  JobRepository(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  static OffsetDateTime ts(Instant i) {
    return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  /** A new QUEUED job. */
  public long insert(NewJob j, Instant now) {
    return jdbc.sql(
            """
            insert into job (type, status, base_model_id, base_job_id, run_id, dataset_id, data_split,
                             data_source, data_path, data_sha256, data_count, hyperparameters, betas,
                             effective_betas, betas_source, allow_partial, allow_overlap, overlap,
                             total_steps, code_version, created_at)
            values (?, 'QUEUED', ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb),
                    cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?)
            returning id""")
        .params(
            j.type().name(),
            j.baseModelId(),
            j.baseJobId(),
            j.runId(),
            j.datasetId(),
            j.dataSplit(),
            j.dataSource(),
            j.dataPath(),
            j.dataSha256(),
            j.dataCount(),
            JSON.writeValueAsString(j.hyperparameters()),
            j.betas() == null || j.betas().isEmpty() ? null : JSON.writeValueAsString(j.betas()),
            j.effectiveBetas() == null ? null : JSON.writeValueAsString(j.effectiveBetas()),
            j.betasSource(),
            j.allowPartial(),
            j.allowOverlap(),
            j.overlap(),
            j.totalSteps(),
            j.codeVersion(),
            ts(now))
        .query(Long.class)
        .single();
  }

  public Optional<Job> find(long id) {
    return jdbc.sql("select * from job where id = ?")
        .param(id)
        .query(JobRepository::row)
        .optional();
  }

  public List<Job> page(JobStatus status, JobType type, Long before, int limit) {
    return jdbc.sql(
            """
            select * from job
            where (cast(? as text) is null or status = ?) and (cast(? as text) is null or type = ?)
              and (cast(? as bigint) is null or id < ?)
            order by id desc limit ?""")
        .params(
            status == null ? null : status.name(),
            status == null ? null : status.name(),
            type == null ? null : type.name(),
            type == null ? null : type.name(),
            before,
            before,
            limit)
        .query(JobRepository::row)
        .list();
  }

  /**
   * Claims the oldest job that is ready (queued, and its base job, if any, has SUCCEEDED) or whose
   * lease has expired, atomically: the row is locked with {@code FOR UPDATE SKIP LOCKED}, so
   * concurrent claimers take different rows. A job waiting for a base job gets that job's output
   * model as its base model. The attempt restarts at the last checkpoint's step.
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
            returning *""")
        .params(worker, ts(leaseUntil), ts(now), ts(now), ts(now))
        .query(JobRepository::row)
        .optional();
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
    jdbc.sql("delete from job_metric where job_id = ? and step > ?").params(jobId, step).update();
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
      jdbc.sql(
              """
              insert into job_metric (job_id, step, metrics) values (?, ?, cast(? as jsonb))
              on conflict (job_id, step) do update set metrics = excluded.metrics""")
          .params(id, step, json)
          .update();
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

  /** Every evaluated problem's outcome of an EVAL job, in evaluation order. */
  public void insertItems(long jobId, List<Evaluation.Item> items) {
    List<Object[]> rows = new java.util.ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Evaluation.Item item = items.get(i);
      rows.add(
          new Object[] {
            jobId,
            i,
            item.id(),
            item.gold(),
            item.extracted(),
            item.correct(),
            item.newTokens(),
            item.hitTokenLimit(),
            item.output()
          });
    }
    batch.batchUpdate(
        """
        insert into evaluation_item (job_id, position, problem_id, gold, extracted, correct,
                                     new_tokens, hit_limit, output)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        rows);
  }

  /** An EVAL job's per-problem outcomes, in evaluation order. */
  public List<EvaluationItem> items(long jobId) {
    return jdbc.sql("select * from evaluation_item where job_id = ? order by position")
        .param(jobId)
        .query(
            (rs, n) ->
                new EvaluationItem(
                    rs.getString("problem_id"),
                    rs.getString("gold"),
                    rs.getString("extracted"),
                    rs.getBoolean("correct"),
                    rs.getInt("new_tokens"),
                    rs.getBoolean("hit_limit"),
                    rs.getString("output")))
        .list();
  }

  public void event(long jobId, JobStatus status, String message, String worker, Instant now) {
    jdbc.sql("insert into job_event (job_id, status, message, worker, at) values (?, ?, ?, ?, ?)")
        .params(jobId, status.name(), message, worker, ts(now))
        .update();
  }

  public List<JobEvent> events(long jobId) {
    return jdbc.sql("select * from job_event where job_id = ? order by id")
        .param(jobId)
        .query(
            (rs, n) ->
                new JobEvent(
                    rs.getLong("id"),
                    JobStatus.valueOf(rs.getString("status")),
                    rs.getString("message"),
                    rs.getString("worker"),
                    rs.getObject("at", OffsetDateTime.class).toInstant()))
        .list();
  }

  public List<MetricPoint> metrics(long jobId, String name, int sinceStep, int limit) {
    return jdbc.sql(
            """
            select step, metrics from job_metric
            where job_id = ? and step > ? and (cast(? as text) is null or jsonb_exists(metrics, cast(? as text)))
            order by step limit ?""")
        .params(jobId, sinceStep, name, name, limit)
        .query(
            (rs, n) -> {
              Map<String, Double> values = new LinkedHashMap<>();
              JSON.readTree(rs.getString("metrics"))
                  .properties()
                  .forEach(
                      e -> {
                        if (name == null || name.equals(e.getKey())) {
                          values.put(e.getKey(), e.getValue().asDouble());
                        }
                      });
              return new MetricPoint(rs.getInt("step"), values);
            })
        .list();
  }

  private static Job row(ResultSet rs, int n) throws SQLException {
    return new Job(
        rs.getLong("id"),
        JobType.valueOf(rs.getString("type")),
        JobStatus.valueOf(rs.getString("status")),
        (Long) rs.getObject("base_model_id"),
        (Long) rs.getObject("base_job_id"),
        (Long) rs.getObject("dataset_id"),
        rs.getString("data_split"),
        rs.getBoolean("allow_partial"),
        rs.getBoolean("allow_overlap"),
        rs.getInt("overlap"),
        json(rs.getString("effective_betas")),
        rs.getString("betas_source"),
        (Long) rs.getObject("run_id"),
        rs.getString("data_source"),
        rs.getString("data_path"),
        rs.getString("data_sha256"),
        rs.getInt("data_count"),
        json(rs.getString("hyperparameters")),
        json(rs.getString("betas")),
        rs.getInt("total_steps"),
        rs.getInt("steps_completed"),
        rs.getDouble("epochs_completed"),
        json(rs.getString("latest_metrics")),
        rs.getString("checkpoint_path"),
        (Integer) rs.getObject("checkpoint_step"),
        (Long) rs.getObject("output_model_id"),
        rs.getString("error"),
        rs.getBoolean("cancel_requested"),
        rs.getString("lease_owner"),
        instant(rs, "lease_expires_at"),
        rs.getInt("attempts"),
        instant(rs, "attempt_started_at"),
        rs.getInt("attempt_start_step"),
        rs.getString("code_version"),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        rs.getLong("version"));
  }

  private static JsonNode json(String text) {
    return text == null ? null : JSON.readTree(text);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
