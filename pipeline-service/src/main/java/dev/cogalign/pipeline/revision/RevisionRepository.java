package dev.cogalign.pipeline.revision;

import dev.cogalign.crv.agent.AgentCall;
import dev.cogalign.crv.agent.CritiqueResponse;
import dev.cogalign.crv.agent.RevisionOrigin;
import dev.cogalign.crv.agent.Verdict;
import dev.cogalign.crv.agent.VerificationResponse;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only CoT history: revisions, critiques and verifications. There is no update or delete
 * here, and the schema's triggers refuse them. Rows written by a run carry a {@link StepKey};
 * writing the same key twice returns the row already there.
 */
@Repository
public class RevisionRepository {
  private static final String CALL_COLUMNS =
      "agent, backend, model, latency_ms, prompt_tokens, completion_tokens, reasoning";
  private static final String CALL_PARAMS =
      ":agent, :backend, :model, :latency, :promptTokens, :completionTokens, :reasoning";
  private static final String REVISION_COLUMNS =
      "id, problem_id, parent_id, origin, text, steps, final_answer, run_id, created_at, "
          + CALL_COLUMNS;
  private static final String CRITIQUE_COLUMNS =
      "id, revision_id, run_id, verdict, reasons, created_at, " + CALL_COLUMNS;
  private static final String VERIFICATION_COLUMNS =
      "id, revision_id, run_id, correct, extracted_answer, findings, created_at, " + CALL_COLUMNS;

  /** What an insert reads back: the rest of the row is what it wrote. */
  private static final String INSERTED = "id, created_at";

  static final int CHUNK = 500;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Json json;

  RevisionRepository(JdbcClient jdbc, Clock clock, JsonMapper mapper) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.json = new Json(mapper);
  }

  /**
   * Appends a revision; with a key, returns the one already stored under it if any. One statement
   * when the key is free: the row is built from what was written, only its id and time read back.
   */
  public Revision append(NewRevision revision, StepKey key) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<String> steps = CotText.steps(revision.text());
    String finalAnswer = CotText.finalAnswer(revision.text());
    var spec =
        jdbc.sql(
                "insert into crv.cot_revision (problem_id, parent_id, origin, text, steps,"
                    + " final_answer, run_id, step, attempt, created_at, "
                    + CALL_COLUMNS
                    + ") values (:problemId, :parentId, :origin, :text, cast(:steps as jsonb),"
                    + " :finalAnswer, :runId, :step, :attempt, :now, "
                    + CALL_PARAMS
                    + ") on conflict (run_id, problem_id, step, attempt) where run_id is not null"
                    + " do nothing returning "
                    + INSERTED)
            .param("problemId", revision.problemId())
            .param("parentId", revision.parentId())
            .param("origin", revision.origin().name())
            .param("text", revision.text())
            .param("steps", json.write(steps))
            .param("finalAnswer", finalAnswer)
            .param("runId", key == null ? null : key.runId())
            .param("step", key == null ? null : key.step())
            .param("attempt", key == null ? null : key.attempt())
            .param("now", now);
    return Json.bindCall(spec, revision.call())
        .query(Inserted::map)
        .optional()
        .map(
            row ->
                new Revision(
                    row.id(),
                    revision.problemId(),
                    revision.parentId(),
                    revision.origin(),
                    revision.text(),
                    steps,
                    finalAnswer,
                    revision.call(),
                    key == null ? null : key.runId(),
                    row.createdAt(),
                    List.of(),
                    List.of()))
        .or(() -> findByKey(revision.problemId(), key))
        .orElseThrow();
  }

  /** Appends revisions without a step key (teacher CoTs of an upload), many rows a statement. */
  public void appendAll(List<NewRevision> revisions) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (int from = 0; from < revisions.size(); from += CHUNK) {
      List<NewRevision> chunk = revisions.subList(from, Math.min(revisions.size(), from + CHUNK));
      StringBuilder sql =
          new StringBuilder(
              "insert into crv.cot_revision (problem_id, parent_id, origin, text, steps,"
                  + " final_answer, created_at, "
                  + CALL_COLUMNS
                  + ") values ");
      List<Object> params = new ArrayList<>();
      for (int i = 0; i < chunk.size(); i++) {
        NewRevision r = chunk.get(i);
        AgentCall call = r.call();
        sql.append(i == 0 ? "" : ", ")
            .append("(?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        params.addAll(
            Arrays.asList(
                r.problemId(),
                r.parentId(),
                r.origin().name(),
                r.text(),
                json.write(CotText.steps(r.text())),
                CotText.finalAnswer(r.text()),
                now,
                call == null ? null : call.agent(),
                call == null ? null : call.backend(),
                call == null ? null : call.model(),
                call == null ? null : call.latencyMillis(),
                call == null ? null : call.promptTokens(),
                call == null ? null : call.completionTokens(),
                call == null ? null : call.reasoning()));
      }
      jdbc.sql(sql.toString()).params(params).update();
    }
  }

  public Optional<Revision> findByKey(long problemId, StepKey key) {
    return jdbc.sql(
            "select "
                + REVISION_COLUMNS
                + " from crv.cot_revision where problem_id = :problemId and run_id = :runId"
                + " and step = :step and attempt = :attempt")
        .param("problemId", problemId)
        .param("runId", key.runId())
        .param("step", key.step())
        .param("attempt", key.attempt())
        .query(this::revision)
        .optional();
  }

  /** The teacher's CoT as submitted with the problem, if it had one. */
  public Optional<Revision> teacherOf(long problemId) {
    return jdbc.sql(
            "select "
                + REVISION_COLUMNS
                + " from crv.cot_revision where problem_id = :problemId and origin = 'TEACHER'"
                + " and run_id is null order by id limit 1")
        .param("problemId", problemId)
        .query(this::revision)
        .optional();
  }

  public Critique appendCritique(long revisionId, CritiqueResponse response, StepKey key) {
    var spec =
        jdbc.sql(
                "insert into crv.critique (revision_id, verdict, reasons, run_id, step, attempt,"
                    + " created_at, "
                    + CALL_COLUMNS
                    + ") values (:revisionId, :verdict, cast(:reasons as jsonb), :runId, :step,"
                    + " :attempt, :now, "
                    + CALL_PARAMS
                    + ") on conflict (run_id, revision_id, step, attempt) where run_id is not null"
                    + " do nothing returning "
                    + INSERTED)
            .param("revisionId", revisionId)
            .param("verdict", response.verdict().name())
            .param("reasons", json.write(response.reasons()))
            .param("runId", key.runId())
            .param("step", key.step())
            .param("attempt", key.attempt())
            .param("now", OffsetDateTime.now(clock));
    return Json.bindCall(spec, response.call())
        .query(Inserted::map)
        .optional()
        .map(
            row ->
                new Critique(
                    row.id(),
                    revisionId,
                    key.runId(),
                    response.verdict(),
                    response.reasons(),
                    response.call(),
                    row.createdAt()))
        .or(() -> findCritique(revisionId, key))
        .orElseThrow();
  }

  public Optional<Critique> findCritique(long revisionId, StepKey key) {
    return jdbc.sql(
            "select "
                + CRITIQUE_COLUMNS
                + " from crv.critique where revision_id = :revisionId and run_id = :runId"
                + " and step = :step and attempt = :attempt")
        .param("revisionId", revisionId)
        .param("runId", key.runId())
        .param("step", key.step())
        .param("attempt", key.attempt())
        .query(this::critique)
        .optional();
  }

  public Verification appendVerification(
      long revisionId, VerificationResponse response, StepKey key) {
    var spec =
        jdbc.sql(
                "insert into crv.verification (revision_id, correct, extracted_answer, findings,"
                    + " run_id, step, attempt, created_at, "
                    + CALL_COLUMNS
                    + ") values (:revisionId, :correct, :extracted, cast(:findings as jsonb),"
                    + " :runId, :step, :attempt, :now, "
                    + CALL_PARAMS
                    + ") on conflict (run_id, revision_id, step, attempt) where run_id is not null"
                    + " do nothing returning "
                    + INSERTED)
            .param("revisionId", revisionId)
            .param("correct", response.correct())
            .param("extracted", response.extractedAnswer())
            .param("findings", json.write(response.findings()))
            .param("runId", key.runId())
            .param("step", key.step())
            .param("attempt", key.attempt())
            .param("now", OffsetDateTime.now(clock));
    return Json.bindCall(spec, response.call())
        .query(Inserted::map)
        .optional()
        .map(
            row ->
                new Verification(
                    row.id(),
                    revisionId,
                    key.runId(),
                    response.correct(),
                    response.extractedAnswer(),
                    response.findings(),
                    response.call(),
                    row.createdAt()))
        .or(() -> findVerification(revisionId, key))
        .orElseThrow();
  }

  public Optional<Verification> findVerification(long revisionId, StepKey key) {
    return jdbc.sql(
            "select "
                + VERIFICATION_COLUMNS
                + " from crv.verification where revision_id = :revisionId and run_id = :runId"
                + " and step = :step and attempt = :attempt")
        .param("revisionId", revisionId)
        .param("runId", key.runId())
        .param("step", key.step())
        .param("attempt", key.attempt())
        .query(this::verification)
        .optional();
  }

  /**
   * The problems of a run with anything stored under one of its step keys: those a resumed run has
   * to look up ({@link #storedSteps}); every other problem starts from nothing.
   */
  public Set<Long> problemsWithSteps(long runId) {
    return new HashSet<>(
        jdbc.sql(
                "select problem_id from crv.cot_revision where run_id = :runId"
                    + " union select r.problem_id from crv.critique c"
                    + " join crv.cot_revision r on r.id = c.revision_id where c.run_id = :runId"
                    + " union select r.problem_id from crv.verification v"
                    + " join crv.cot_revision r on r.id = v.revision_id where v.run_id = :runId")
            .param("runId", runId)
            .query(Long.class)
            .list());
  }

  /** Everything a run stored for one problem under its step keys (three queries). */
  public StoredSteps storedSteps(long runId, long problemId) {
    Map<StepKey, Revision> revisions = new HashMap<>();
    jdbc.sql(
            "select "
                + REVISION_COLUMNS
                + ", step, attempt from crv.cot_revision"
                + " where run_id = :runId and problem_id = :problemId")
        .param("runId", runId)
        .param("problemId", problemId)
        .query(
            (ResultSet rs) -> {
              revisions.put(key(rs, runId), revision(rs, 0));
            });
    Map<StoredSteps.OfRevision, Critique> critiques = new HashMap<>();
    jdbc.sql(
            "select "
                + CRITIQUE_COLUMNS
                + ", step, attempt from crv.critique where run_id = :runId and revision_id in"
                + " (select id from crv.cot_revision where problem_id = :problemId)")
        .param("runId", runId)
        .param("problemId", problemId)
        .query(
            (ResultSet rs) -> {
              Critique critique = critique(rs, 0);
              critiques.put(
                  new StoredSteps.OfRevision(critique.revisionId(), key(rs, runId)), critique);
            });
    Map<StoredSteps.OfRevision, Verification> verifications = new HashMap<>();
    jdbc.sql(
            "select "
                + VERIFICATION_COLUMNS
                + ", step, attempt from crv.verification where run_id = :runId and revision_id in"
                + " (select id from crv.cot_revision where problem_id = :problemId)")
        .param("runId", runId)
        .param("problemId", problemId)
        .query(
            (ResultSet rs) -> {
              Verification verification = verification(rs, 0);
              verifications.put(
                  new StoredSteps.OfRevision(verification.revisionId(), key(rs, runId)),
                  verification);
            });
    return new StoredSteps(revisions, critiques, verifications);
  }

  private static StepKey key(ResultSet rs, long runId) throws SQLException {
    return new StepKey(runId, rs.getString("step"), rs.getInt("attempt"));
  }

  /** Every revision of a problem, oldest first, each with its critiques and verifications. */
  public List<Revision> historyOf(long problemId) {
    List<Revision> revisions =
        jdbc.sql(
                "select "
                    + REVISION_COLUMNS
                    + " from crv.cot_revision where problem_id = :problemId order by id")
            .param("problemId", problemId)
            .query(this::revision)
            .list();
    Map<Long, List<Critique>> critiques =
        jdbc
            .sql(
                "select "
                    + CRITIQUE_COLUMNS
                    + " from crv.critique where revision_id in"
                    + " (select id from crv.cot_revision where problem_id = :problemId)"
                    + " order by id")
            .param("problemId", problemId)
            .query(this::critique)
            .list()
            .stream()
            .collect(Collectors.groupingBy(Critique::revisionId));
    Map<Long, List<Verification>> verifications =
        jdbc
            .sql(
                "select "
                    + VERIFICATION_COLUMNS
                    + " from crv.verification where revision_id in"
                    + " (select id from crv.cot_revision where problem_id = :problemId)"
                    + " order by id")
            .param("problemId", problemId)
            .query(this::verification)
            .list()
            .stream()
            .collect(Collectors.groupingBy(Verification::revisionId));
    return revisions.stream()
        .map(
            r ->
                r.with(
                    critiques.getOrDefault(r.id(), List.of()),
                    verifications.getOrDefault(r.id(), List.of())))
        .toList();
  }

  /** The id and time of a row just inserted. */
  private record Inserted(long id, Instant createdAt) {
    static Inserted map(ResultSet rs, int row) throws SQLException {
      return new Inserted(
          rs.getLong("id"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
  }

  private Revision revision(ResultSet rs, int row) throws SQLException {
    return new Revision(
        rs.getLong("id"),
        rs.getLong("problem_id"),
        Json.nullableLong(rs, "parent_id"),
        RevisionOrigin.valueOf(rs.getString("origin")),
        rs.getString("text"),
        json.strings(rs.getString("steps")),
        rs.getString("final_answer"),
        Json.call(rs),
        Json.nullableLong(rs, "run_id"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        List.of(),
        List.of());
  }

  private Critique critique(ResultSet rs, int row) throws SQLException {
    return new Critique(
        rs.getLong("id"),
        rs.getLong("revision_id"),
        Json.nullableLong(rs, "run_id"),
        Verdict.valueOf(rs.getString("verdict")),
        json.findings(rs.getString("reasons")),
        Json.call(rs),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }

  private Verification verification(ResultSet rs, int row) throws SQLException {
    return new Verification(
        rs.getLong("id"),
        rs.getLong("revision_id"),
        Json.nullableLong(rs, "run_id"),
        rs.getBoolean("correct"),
        rs.getString("extracted_answer"),
        json.findings(rs.getString("findings")),
        Json.call(rs),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
