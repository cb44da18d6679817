package dev.cogalign.trainer.experiment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Rows of {@code trainer.experiment} and {@code trainer.experiment_job}. */
@Repository
class ExperimentRepository {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** An experiment row. */
  record Experiment(long id, String name, JsonNode request, Instant createdAt) {}

  /** One of an experiment's jobs. */
  record ExperimentJob(int replicate, Arm arm, String role, long jobId) {}

  static final String TRAIN = "TRAIN";
  static final String EVAL = "EVAL";

  private final JdbcClient jdbc;

  ExperimentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(String name, JsonNode request, Instant now) {
    return jdbc.sql(
            "insert into experiment (name, request, created_at) values (?, cast(? as jsonb), ?)"
                + " returning id")
        .params(
            name, JSON.writeValueAsString(request), OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
        .query(Long.class)
        .single();
  }

  void addJob(long experimentId, ExperimentJob job) {
    jdbc.sql(
            "insert into experiment_job (experiment_id, replicate, arm, role, job_id)"
                + " values (?, ?, ?, ?, ?)")
        .params(experimentId, job.replicate(), job.arm().name(), job.role(), job.jobId())
        .update();
  }

  Optional<Experiment> find(long id) {
    return jdbc.sql("select * from experiment where id = ?")
        .param(id)
        .query(
            (rs, n) ->
                new Experiment(
                    rs.getLong("id"),
                    rs.getString("name"),
                    JSON.readTree(rs.getString("request")),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant()))
        .optional();
  }

  List<Long> ids(Long before, int limit) {
    return jdbc.sql(
            "select id from experiment where (cast(? as bigint) is null or id < ?)"
                + " order by id desc limit ?")
        .params(before, before, limit)
        .query(Long.class)
        .list();
  }

  List<ExperimentJob> jobs(long experimentId) {
    return jdbc.sql(
            "select * from experiment_job where experiment_id = ? order by replicate, arm, role")
        .param(experimentId)
        .query(
            (rs, n) ->
                new ExperimentJob(
                    rs.getInt("replicate"),
                    Arm.valueOf(rs.getString("arm")),
                    rs.getString("role"),
                    rs.getLong("job_id")))
        .list();
  }
}
