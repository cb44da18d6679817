package dev.cogalign.pipeline.revision;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * Spring Data's view of {@code crv.critique}: reads. The executor's conflict-skipping insert stays
 * SQL in {@link RevisionRepository}.
 */
interface CritiqueRows extends Repository<CritiqueEntity, Long> {

  Optional<CritiqueEntity> findByRevisionIdAndRunIdAndStepAndAttempt(
      long revisionId, long runId, String step, int attempt);

  /** The critiques of every revision of a problem, in the order they were written. */
  @Query(
      """
      select c from CritiqueEntity c
      where c.revisionId in (select r.id from RevisionEntity r where r.problemId = :problemId)
      order by c.id""")
  List<CritiqueEntity> findOfProblem(@Param("problemId") long problemId);

  /** The critiques a run stored for the revisions of one problem. */
  @Query(
      """
      select c from CritiqueEntity c
      where c.runId = :runId
        and c.revisionId in (select r.id from RevisionEntity r where r.problemId = :problemId)""")
  List<CritiqueEntity> findOfRunAndProblem(
      @Param("runId") long runId, @Param("problemId") long problemId);
}
