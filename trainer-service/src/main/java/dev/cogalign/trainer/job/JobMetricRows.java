package dev.cogalign.trainer.job;

import java.util.List;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/**
 * Spring Data's view of {@code trainer.job_metric}. The write and the filtered read are native: a
 * resumed attempt writes a step again ({@code on conflict … do update}, which JPA has no form for),
 * and the filter by a metric's name is jsonb's key test ({@code jsonb_exists}).
 */
interface JobMetricRows extends Repository<JobMetricEntity, JobMetricEntity.Key> {

  /** One step's metrics as JSON text. */
  interface Point {
    int getStep();

    String getMetrics();
  }

  @Transactional
  @Modifying
  @Query(
      nativeQuery = true,
      value =
          """
          insert into job_metric (job_id, step, metrics) values (:jobId, :step, cast(:metrics as jsonb))
          on conflict (job_id, step) do update set metrics = excluded.metrics""")
  void upsert(
      @Param("jobId") long jobId, @Param("step") int step, @Param("metrics") String metrics);

  @Transactional
  @Modifying
  @Query("delete from JobMetricEntity m where m.jobId = :jobId and m.step > :step")
  int deleteAfter(@Param("jobId") long jobId, @Param("step") int step);

  /** Steps after {@code sinceStep}, those having {@code name} only when it is not null. */
  @Query(
      nativeQuery = true,
      value =
          """
          select step as "step", cast(metrics as text) as "metrics" from job_metric
          where job_id = :jobId and step > :sinceStep
            and (cast(:name as text) is null or jsonb_exists(metrics, cast(:name as text)))
          order by step limit :limit""")
  List<Point> since(
      @Param("jobId") long jobId,
      @Param("sinceStep") int sinceStep,
      @Param("name") String name,
      @Param("limit") int limit);
}
