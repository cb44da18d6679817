package dev.cogalign.pipeline.revision;

import dev.cogalign.crv.agent.CritiqueResponse;
import dev.cogalign.crv.agent.RevisionOrigin;
import dev.cogalign.crv.agent.VerificationResponse;
import dev.cogalign.pipeline.config.BatchInserts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only CoT history: revisions, critiques and verifications, through Spring Data JPA
 * ({@link RevisionRows}, {@link CritiqueRows}, {@link VerificationRows}) as the services see them:
 * records, not entities. There is no update or delete here, and the schema's triggers refuse them.
 * Rows written by a run carry a {@link StepKey}; writing the same key twice returns the row already
 * there.
 *
 * <p>What stays SQL: the executor's appends under a step key ({@link #append}, {@link
 * #appendCritique}, {@link #appendVerification}) are {@code insert … on conflict do nothing
 * returning} through {@link JdbcClient}. JPA has no conflict-skipping insert: a persist of a key a
 * resumed run already stored fails on the unique index and aborts the caller's transaction, and a
 * find-then-insert costs a second statement per agent call and still races a second executor of the
 * run.
 */
@Repository
public class RevisionRepository {
  private static final String CALL_COLUMNS =
      "agent, backend, model, latency_ms, prompt_tokens, completion_tokens, reasoning";
  private static final String CALL_PARAMS =
      ":agent, :backend, :model, :latency, :promptTokens, :completionTokens, :reasoning";

  /** What an insert reads back: the rest of the row is what it wrote. */
  private static final String INSERTED = "id, created_at";

  private final JdbcClient jdbc;
  private final BatchInserts inserts;
  private final RevisionRows revisions;
  private final CritiqueRows critiques;
  private final VerificationRows verifications;
  private final Clock clock;
  private final Json json;

  RevisionRepository(
      JdbcClient jdbc,
      BatchInserts inserts,
      RevisionRows revisions,
      CritiqueRows critiques,
      VerificationRows verifications,
      Clock clock,
      JsonMapper mapper) {
    this.jdbc = jdbc;
    this.inserts = inserts;
    this.revisions = revisions;
    this.critiques = critiques;
    this.verifications = verifications;
    this.clock = clock;
    this.json = new Json(mapper);
  }

  /**
   * Appends a revision; with a key, returns the one already stored under it if any. One statement
   * when the key is free: the row is built from what was written, only its id and time read back.
   * SQL, not JPA: {@code on conflict do nothing} on the step key's unique index (see the class
   * comment); a persist would also read the id from the sequence first, a second statement.
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

  /**
   * Appends revisions without a step key (teacher CoTs of an upload) in the caller's transaction:
   * inserted in JDBC batches ({@link BatchInserts}), their ids allocated {@value
   * RevisionEntity#ID_BLOCK} at a time.
   */
  public void appendAll(List<NewRevision> revisions) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<RevisionEntity> rows = new ArrayList<>(revisions.size());
    for (NewRevision r : revisions) {
      rows.add(
          new RevisionEntity(
              r, json.write(CotText.steps(r.text())), CotText.finalAnswer(r.text()), now));
    }
    inserts.insertAll(rows);
  }

  public Optional<Revision> findByKey(long problemId, StepKey key) {
    return revisions
        .findByProblemIdAndRunIdAndStepAndAttempt(problemId, key.runId(), key.step(), key.attempt())
        .map(r -> r.toRevision(json));
  }

  /**
   * The teacher's CoT of each of these problems that had one as submitted (the first, should an
   * upload have given two), by problem id; one statement.
   */
  public Map<Long, Revision> teachersOf(Collection<Long> problemIds) {
    Map<Long, Revision> teachers = new HashMap<>();
    for (RevisionEntity r :
        revisions.findByProblemIdInAndOriginAndRunIdIsNullOrderById(
            problemIds, RevisionOrigin.TEACHER)) {
      Revision teacher = r.toRevision(json);
      teachers.putIfAbsent(teacher.problemId(), teacher);
    }
    return teachers;
  }

  /**
   * Appends a critique under a run's step key, or returns the one already stored under it. SQL, not
   * JPA: {@code on conflict do nothing} on the step key's unique index (see the class comment).
   */
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
    return critiques
        .findByRevisionIdAndRunIdAndStepAndAttempt(
            revisionId, key.runId(), key.step(), key.attempt())
        .map(c -> c.toCritique(json));
  }

  /**
   * Appends a verification under a run's step key, or returns the one already stored under it. SQL,
   * not JPA: {@code on conflict do nothing} on the step key's unique index (see the class comment).
   */
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
    return verifications
        .findByRevisionIdAndRunIdAndStepAndAttempt(
            revisionId, key.runId(), key.step(), key.attempt())
        .map(v -> v.toVerification(json));
  }

  /**
   * The problems of a run with anything stored under one of its step keys: those a resumed run has
   * to look up ({@link #storedSteps}); every other problem starts from nothing. One statement.
   */
  public Set<Long> problemsWithSteps(long runId) {
    return new HashSet<>(revisions.findProblemsWithSteps(runId));
  }

  /** Everything a run stored for one problem under its step keys (three statements). */
  public StoredSteps storedSteps(long runId, long problemId) {
    Map<StepKey, Revision> stored = new HashMap<>();
    for (RevisionEntity r : revisions.findByRunIdAndProblemId(runId, problemId)) {
      stored.put(r.key(), r.toRevision(json));
    }
    Map<StoredSteps.OfRevision, Critique> critiqued = new HashMap<>();
    for (CritiqueEntity c : critiques.findOfRunAndProblem(runId, problemId)) {
      critiqued.put(new StoredSteps.OfRevision(c.revisionId(), c.key()), c.toCritique(json));
    }
    Map<StoredSteps.OfRevision, Verification> verified = new HashMap<>();
    for (VerificationEntity v : verifications.findOfRunAndProblem(runId, problemId)) {
      verified.put(new StoredSteps.OfRevision(v.revisionId(), v.key()), v.toVerification(json));
    }
    return new StoredSteps(stored, critiqued, verified);
  }

  /**
   * Every revision of a problem, oldest first, each with its critiques and verifications: three
   * statements whatever the number of revisions (no statement per revision).
   */
  public List<Revision> historyOf(long problemId) {
    Map<Long, List<Critique>> critiqued = new HashMap<>();
    for (CritiqueEntity c : critiques.findOfProblem(problemId)) {
      critiqued.computeIfAbsent(c.revisionId(), id -> new ArrayList<>()).add(c.toCritique(json));
    }
    Map<Long, List<Verification>> verified = new HashMap<>();
    for (VerificationEntity v : verifications.findOfProblem(problemId)) {
      verified.computeIfAbsent(v.revisionId(), id -> new ArrayList<>()).add(v.toVerification(json));
    }
    return revisions.findByProblemIdOrderById(problemId).stream()
        .map(r -> r.toRevision(json))
        .map(
            r ->
                r.with(
                    critiqued.getOrDefault(r.id(), List.of()),
                    verified.getOrDefault(r.id(), List.of())))
        .toList();
  }

  /** The id and time of a row just inserted. */
  private record Inserted(long id, Instant createdAt) {
    static Inserted map(ResultSet rs, int row) throws SQLException {
      return new Inserted(
          rs.getLong("id"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
  }
}
