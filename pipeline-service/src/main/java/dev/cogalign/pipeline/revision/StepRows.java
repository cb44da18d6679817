package dev.cogalign.pipeline.revision;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * The reads of a table of agent judgements about a revision ({@code crv.critique}, {@code
 * crv.verification}): each row belongs to a revision and, when a run wrote it, to the run's step
 * key. The executor's conflict-skipping inserts stay SQL in {@link RevisionRepository}.
 */
@NoRepositoryBean
interface StepRows<T> extends Repository<T, Long> {

  Optional<T> findByRevisionIdAndRunIdAndStepAndAttempt(
      long revisionId, long runId, String step, int attempt);

  /** The rows of every revision of a problem, in the order they were written. */
  @Query(
      """
      select e from #{#entityName} e
      where e.revisionId in (select r.id from RevisionEntity r where r.problemId = :problemId)
      order by e.id""")
  List<T> findOfProblem(@Param("problemId") long problemId);

  /** The rows a run stored for the revisions of one problem. */
  @Query(
      """
      select e from #{#entityName} e
      where e.runId = :runId
        and e.revisionId in (select r.id from RevisionEntity r where r.problemId = :problemId)""")
  List<T> findOfRunAndProblem(@Param("runId") long runId, @Param("problemId") long problemId);
}
