package dev.cogalign.pipeline.run;

import dev.cogalign.pipeline.error.NotFoundException;
import dev.cogalign.pipeline.student.StudentCriticConfig;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Runs and their per-problem state rows. */
@Repository
class RunRepository {
  /** The run and its counters, kept by triggers (V2__run_counters.sql): one row, no recount. */
  private static final String COLUMNS =
      "id, dataset_id, status, config, reason, created_at, started_at, finished_at,"
          + " pending, verified, rejected, skipped, failed, pairs, version, student_critic";

  private final JdbcClient jdbc;
  private final Clock clock;
  private final JsonMapper mapper;

  RunRepository(JdbcClient jdbc, Clock clock, JsonMapper mapper) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.mapper = mapper;
  }

  /** A QUEUED run with a PENDING row for every problem of the dataset. */
  @Transactional
  long create(long datasetId, RunConfig config) {
    long id =
        jdbc.sql(
                "insert into crv.run (dataset_id, status, config, created_at)"
                    + " values (:datasetId, 'QUEUED', cast(:config as jsonb), :now) returning id")
            .param("datasetId", datasetId)
            .param("config", mapper.writeValueAsString(config))
            .param("now", now())
            .query(Long.class)
            .single();
    jdbc.sql(
            "insert into crv.run_problem (run_id, problem_id, state)"
                + " select :runId, id, 'PENDING' from crv.problem where dataset_id = :datasetId")
        .param("runId", id)
        .param("datasetId", datasetId)
        .update();
    return id;
  }

  Run get(long id) {
    return jdbc.sql("select " + COLUMNS + " from crv.run where id = :id")
        .param("id", id)
        .query(this::map)
        .optional()
        .orElseThrow(() -> new NotFoundException("run", id));
  }

  RunStatus status(long id) {
    return RunStatus.valueOf(
        jdbc.sql("select status from crv.run where id = :id")
            .param("id", id)
            .query(String.class)
            .single());
  }

  /** The newest runs, of one dataset or of all, in one statement. */
  List<Run> newest(Long datasetId, int limit) {
    String sql =
        "select "
            + COLUMNS
            + " from crv.run"
            + (datasetId == null ? "" : " where dataset_id = :datasetId")
            + " order by id desc limit :limit";
    var spec = jdbc.sql(sql).param("limit", limit);
    if (datasetId != null) {
      spec = spec.param("datasetId", datasetId);
    }
    return spec.query(this::map).list();
  }

  /** Runs a restart left QUEUED or RUNNING, oldest first. */
  List<Long> unfinished() {
    return jdbc.sql("select id from crv.run where status in ('QUEUED', 'RUNNING') order by id")
        .query(Long.class)
        .list();
  }

  /** QUEUED → RUNNING, keeping the first start time when a run resumes. */
  void markRunning(long id) {
    jdbc.sql(
            "update crv.run set status = 'RUNNING', started_at = coalesce(started_at, :now)"
                + " where id = :id and status in ('QUEUED', 'RUNNING')")
        .param("id", id)
        .param("now", now())
        .update();
  }

  /** Moves an unfinished run to a final status; false if it had already finished. */
  boolean finish(long id, RunStatus status, String reason) {
    return jdbc.sql(
                "update crv.run set status = :status, reason = :reason, finished_at = :now"
                    + " where id = :id and status in ('QUEUED', 'RUNNING')")
            .param("id", id)
            .param("status", status.name())
            .param("reason", reason)
            .param("now", now())
            .update()
        == 1;
  }

  /** Stores the run's calibrated student critic (V3__student_critic.sql). */
  void storeStudentCritic(long id, StudentCriticConfig calibrated) {
    jdbc.sql("update crv.run set student_critic = cast(:calibrated as jsonb) where id = :id")
        .param("id", id)
        .param("calibrated", mapper.writeValueAsString(calibrated))
        .update();
  }

  List<Long> pendingProblems(long runId) {
    return jdbc.sql(
            "select problem_id from crv.run_problem where run_id = :runId and state = 'PENDING'"
                + " order by problem_id")
        .param("runId", runId)
        .query(Long.class)
        .list();
  }

  /**
   * Records how a problem ended and stores its pairs, in one statement (so at once): one pair per
   * (run, mini-task, chosen, rejected), so recording a problem again adds none twice.
   */
  void record(long runId, long problemId, Outcome outcome) {
    StringBuilder sql = new StringBuilder();
    List<Object> params = new ArrayList<>();
    OffsetDateTime now = now();
    if (!outcome.pairs().isEmpty()) {
      sql.append(
          "with pairs as (insert into crv.preference_pair (run_id, problem_id,"
              + " chosen_revision_id, rejected_revision_id, mini_task, beta, created_at) values ");
      for (int i = 0; i < outcome.pairs().size(); i++) {
        NewPair pair = outcome.pairs().get(i);
        sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
        params.addAll(
            List.of(
                runId,
                problemId,
                pair.chosenRevisionId(),
                pair.rejectedRevisionId(),
                pair.task().name(),
                pair.beta(),
                now));
      }
      sql.append(" on conflict on constraint preference_pair_unique do nothing) ");
    }
    sql.append(
        "update crv.run_problem set state = ?, result_revision_id = ?, reason = ?,"
            + " finished_at = ? where run_id = ? and problem_id = ?");
    params.addAll(
        Arrays.asList(
            outcome.state().name(),
            outcome.resultRevisionId(),
            outcome.reason(),
            now,
            runId,
            problemId));
    jdbc.sql(sql.toString()).params(params).update();
  }

  /**
   * Up to {@code limit} problem states with problem ids above {@code afterId}; state may be null.
   */
  List<RunProblem> problems(long runId, ProblemState state, long afterId, int limit) {
    String sql =
        "select problem_id, state, result_revision_id, reason, finished_at from crv.run_problem"
            + " where run_id = :runId and problem_id > :after"
            + (state == null ? "" : " and state = :state")
            + " order by problem_id limit :limit";
    var spec = jdbc.sql(sql).param("runId", runId).param("after", afterId).param("limit", limit);
    if (state != null) {
      spec = spec.param("state", state.name());
    }
    return spec.query(
            (rs, row) ->
                new RunProblem(
                    rs.getLong("problem_id"),
                    ProblemState.valueOf(rs.getString("state")),
                    (Long) rs.getObject("result_revision_id"),
                    rs.getString("reason"),
                    instant(rs, "finished_at")))
        .list();
  }

  /** The run's problems per state, as its row counts them. */
  Map<ProblemState, Long> counts(long runId) {
    return get(runId).counts();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  /** The run, its configuration showing the calibrated student critic once there is one. */
  private Run map(ResultSet rs, int row) throws SQLException {
    RunConfig config = mapper.readValue(rs.getString("config"), RunConfig.class);
    String studentCritic = rs.getString("student_critic");
    if (studentCritic != null) {
      config = config.withStudentCritic(mapper.readValue(studentCritic, StudentCriticConfig.class));
    }
    return new Run(
        rs.getLong("id"),
        rs.getLong("dataset_id"),
        RunStatus.valueOf(rs.getString("status")),
        config,
        rs.getString("reason"),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        counts(rs),
        rs.getLong("pairs"),
        rs.getLong("version"));
  }

  private static Map<ProblemState, Long> counts(ResultSet rs) throws SQLException {
    Map<ProblemState, Long> counts = new EnumMap<>(ProblemState.class);
    for (ProblemState state : ProblemState.values()) {
      counts.put(state, rs.getLong(state.name().toLowerCase(Locale.ROOT)));
    }
    return counts;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }
}
