package dev.cogalign.pipeline.revision;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * Spring Data's view of {@code crv.verification}: reads. The executor's conflict-skipping insert
 * stays SQL in {@link RevisionRepository}.
 */
interface VerificationRows extends Repository<VerificationEntity, Long> {

  Optional<VerificationEntity> findByRevisionIdAndRunIdAndStepAndAttempt(
      long revisionId, long runId, String step, int attempt);

  /** The verifications of every revision of a problem, in the order they were written. */
  @Query(
      """
      select v from VerificationEntity v
      where v.revisionId in (select r.id from RevisionEntity r where r.problemId = :problemId)
      order by v.id""")
  List<VerificationEntity> findOfProblem(@Param("problemId") long problemId);

  /** The verifications a run stored for the revisions of one problem. */
  @Query(
      """
      select v from VerificationEntity v
      where v.runId = :runId
        and v.revisionId in (select r.id from RevisionEntity r where r.problemId = :problemId)""")
  List<VerificationEntity> findOfRunAndProblem(
      @Param("runId") long runId, @Param("problemId") long problemId);
}
