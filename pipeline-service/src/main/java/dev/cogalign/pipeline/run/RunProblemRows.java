package dev.cogalign.pipeline.run;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/**
 * Spring Data's view of {@code crv.run_problem}; {@link RunRepository} is what services call. Pages
 * are {@link RunProblem} projections, keyset-paginated on the problem id.
 */
interface RunProblemRows extends Repository<RunProblemEntity, RunProblemEntity.Key> {

  /**
   * A PENDING row for every problem of the dataset; the count. Native, one statement whatever the
   * dataset's size: the problem ids never leave the database (JPA would select them and insert them
   * back, in batches of 500), and the V2 statement trigger counts them into the run's row at once.
   * ({@code crv.problem} has no entity of this package; with one it could be HQL's {@code insert …
   * select}.)
   */
  @Transactional
  @Modifying
  @Query(
      nativeQuery = true,
      value =
          """
          insert into crv.run_problem (run_id, problem_id, state)
          select :runId, id, 'PENDING' from crv.problem where dataset_id = :datasetId""")
  int insertPending(@Param("runId") long runId, @Param("datasetId") long datasetId);

  @Query(
      """
      select p.problemId from RunProblemEntity p where p.runId = :runId and p.state = :state
      order by p.problemId""")
  List<Long> problemIds(@Param("runId") long runId, @Param("state") ProblemState state);

  /*
   * A page of problem states, by problem id after the cursor's. The keyset is written out, not a
   * Spring Data Window: its keyset appends the composite key's run_id to the order and compares
   * (problem_id, run_id) with an OR, which the (run_id, problem_id) primary key cannot range-scan.
   */

  @Query(
      """
      select new dev.cogalign.pipeline.run.RunProblem(p.problemId, p.state, p.resultRevisionId,
          p.reason, p.finishedAt)
      from RunProblemEntity p where p.runId = :runId and p.problemId > :after
      order by p.problemId""")
  List<RunProblem> page(@Param("runId") long runId, @Param("after") long after, Limit limit);

  @Query(
      """
      select new dev.cogalign.pipeline.run.RunProblem(p.problemId, p.state, p.resultRevisionId,
          p.reason, p.finishedAt)
      from RunProblemEntity p where p.runId = :runId and p.state = :state and p.problemId > :after
      order by p.problemId""")
  List<RunProblem> pageIn(
      @Param("runId") long runId,
      @Param("state") ProblemState state,
      @Param("after") long after,
      Limit limit);
}
