package dev.cogalign.pipeline.run;

import dev.cogalign.pipeline.error.NotFoundException;
import dev.cogalign.pipeline.student.StudentCriticConfig;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs and their per-problem state rows. Inserts, reads and the run's status changes go through
 * Spring Data JPA ({@link RunRows}, {@link RunProblemRows}); reads are projections, one statement
 * each, and the counters they show are the V2 triggers'. Two statements stay SQL, each saying why:
 * a run's problem rows, one {@code insert … select} ({@link RunProblemRows#insertPending}), and
 * {@link #record}, a problem's outcome with its pairs ({@code on conflict do nothing}).
 */
@Repository
class RunRepository {
  /** The statuses a run can still leave. */
  private static final Set<RunStatus> UNFINISHED = EnumSet.of(RunStatus.QUEUED, RunStatus.RUNNING);

  private final RunRows rows;
  private final RunProblemRows problems;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final JsonMapper mapper;

  RunRepository(
      RunRows rows, RunProblemRows problems, JdbcClient jdbc, Clock clock, JsonMapper mapper) {
    this.rows = rows;
    this.problems = problems;
    this.jdbc = jdbc;
    this.clock = clock;
    this.mapper = mapper;
  }

  /** A QUEUED run with a PENDING row for every problem of the dataset, in two statements. */
  @Transactional
  long create(long datasetId, RunConfig config) {
    long id =
        rows.save(new RunEntity(datasetId, mapper.writeValueAsString(config), clock.instant()))
            .id();
    problems.insertPending(id, datasetId);
    return id;
  }

  Run get(long id) {
    return rows.row(id).map(this::run).orElseThrow(() -> new NotFoundException("run", id));
  }

  RunStatus status(long id) {
    return rows.status(id).orElseThrow(() -> new NotFoundException("run", id));
  }

  /** The newest runs, of one dataset or of all, in one statement. */
  List<Run> newest(Long datasetId, int limit) {
    List<RunRow> newest =
        datasetId == null
            ? rows.newest(Limit.of(limit))
            : rows.newestOf(datasetId, Limit.of(limit));
    return newest.stream().map(this::run).toList();
  }

  /** Runs a restart left QUEUED or RUNNING, oldest first. */
  List<Long> unfinished() {
    return rows.idsIn(UNFINISHED);
  }

  /** QUEUED → RUNNING, keeping the first start time when a run resumes. */
  void markRunning(long id) {
    rows.markRunning(id, UNFINISHED, clock.instant());
  }

  /** Moves an unfinished run to a final status; false if it had already finished. */
  boolean finish(long id, RunStatus status, String reason) {
    return rows.finish(id, UNFINISHED, status, reason, clock.instant()) == 1;
  }

  /** Stores the run's calibrated student critic (V3__student_critic.sql). */
  void storeStudentCritic(long id, StudentCriticConfig calibrated) {
    rows.storeStudentCritic(id, mapper.writeValueAsString(calibrated));
  }

  List<Long> pendingProblems(long runId) {
    return problems.problemIds(runId, ProblemState.PENDING);
  }

  /**
   * Records how a problem ended and stores its pairs, in one statement (so at once): one pair per
   * (run, mini-task, chosen, rejected), so recording a problem again adds none twice. SQL
   * (JdbcClient): JPA has no conflict-skipping insert ({@code on conflict … do nothing}; a
   * find-then-insert would race a resumed run's worker and cost a statement per pair), and this one
   * statement, pairs and state change together, commits at once without a transaction's round
   * trips; it runs once per problem, on the workers' path.
   */
  void record(long runId, long problemId, Outcome outcome) {
    StringBuilder sql = new StringBuilder();
    List<Object> params = new ArrayList<>();
    OffsetDateTime now = OffsetDateTime.now(clock);
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
    return state == null
        ? problems.page(runId, afterId, Limit.of(limit))
        : problems.pageIn(runId, state, afterId, Limit.of(limit));
  }

  /** The run's problems per state, as its row counts them. */
  Map<ProblemState, Long> counts(long runId) {
    return get(runId).counts();
  }

  /** The run, its configuration showing the calibrated student critic once there is one. */
  private Run run(RunRow row) {
    RunConfig config = mapper.readValue(row.config(), RunConfig.class);
    if (row.studentCritic() != null) {
      config =
          config.withStudentCritic(
              mapper.readValue(row.studentCritic(), StudentCriticConfig.class));
    }
    Map<ProblemState, Long> counts = new EnumMap<>(ProblemState.class);
    counts.put(ProblemState.PENDING, row.pending());
    counts.put(ProblemState.VERIFIED, row.verified());
    counts.put(ProblemState.REJECTED, row.rejected());
    counts.put(ProblemState.SKIPPED, row.skipped());
    counts.put(ProblemState.FAILED, row.failed());
    return new Run(
        row.id(),
        row.datasetId(),
        row.status(),
        config,
        row.reason(),
        row.createdAt(),
        row.startedAt(),
        row.finishedAt(),
        counts,
        row.pairs(),
        row.version());
  }
}
