package dev.cogalign.pipeline.revision;

import dev.cogalign.crv.agent.RevisionOrigin;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * Spring Data's view of {@code crv.cot_revision}: the reads (an upload's inserts are batched by
 * {@link dev.cogalign.pipeline.config.BatchInserts}). {@link RevisionRepository} is what services
 * call; it also holds the executor's conflict-skipping appends, which stay SQL.
 */
interface RevisionRows extends Repository<RevisionEntity, Long> {

  Optional<RevisionEntity> findByProblemIdAndRunIdAndStepAndAttempt(
      long problemId, long runId, String step, int attempt);

  /** The revisions of these problems with this origin and no run, oldest first. */
  List<RevisionEntity> findByProblemIdInAndOriginAndRunIdIsNullOrderById(
      Collection<Long> problemIds, RevisionOrigin origin);

  List<RevisionEntity> findByRunIdAndProblemId(long runId, long problemId);

  List<RevisionEntity> findByProblemIdOrderById(long problemId);

  /** The problems with a revision, critique or verification stored under one of the run's keys. */
  @Query(
      """
      select r.problemId from RevisionEntity r where r.runId = :runId
      union
      select r.problemId from CritiqueEntity c join RevisionEntity r on r.id = c.revisionId
      where c.runId = :runId
      union
      select r.problemId from VerificationEntity v join RevisionEntity r on r.id = v.revisionId
      where v.runId = :runId""")
  List<Long> findProblemsWithSteps(@Param("runId") long runId);
}
