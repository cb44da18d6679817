package dev.cogalign.pipeline.problem;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Spring Data's view of {@code crv.problem}; {@link ProblemRepository} is what services call. */
interface ProblemRows extends Repository<ProblemEntity, Long> {

  /**
   * A problem as the services see it, read into the record directly (the executor reads one per
   * problem it processes): no entity is instantiated or managed.
   */
  @Query(
      """
      select new dev.cogalign.pipeline.problem.Problem(
          p.id, p.datasetId, p.externalId, p.question, p.goldAnswer, p.domain, p.createdAt)
      from ProblemEntity p where p.id = :id""")
  Optional<Problem> findProblem(@Param("id") long id);

  /** The problems with these ids, read into records directly (the executor's batches of work). */
  @Query(
      """
      select new dev.cogalign.pipeline.problem.Problem(
          p.id, p.datasetId, p.externalId, p.question, p.goldAnswer, p.domain, p.createdAt)
      from ProblemEntity p where p.id in :ids""")
  List<Problem> findProblems(@Param("ids") Collection<Long> ids);

  /**
   * Which of {@code externalIds} the dataset already holds, in one statement whatever their number:
   * a probe of the unique index {@code (dataset_id, external_id)} per id. Native: the ids are one
   * {@code text[]} parameter, unnested. The JPQL form ({@code external_id in (:ids)}, a parameter
   * per id, 2,000 a statement) took 3 to 4 s instead of 0.1 to 0.3 s to find GSM8K's train file
   * existing once a few uploads had run (by all signs PostgreSQL's generic plan of the prepared
   * statement, which no longer probed the index per id).
   */
  @Query(
      nativeQuery = true,
      value =
          """
          select u.external_id from unnest(cast(:externalIds as text[])) as u (external_id)
          where exists (select 1 from crv.problem p
                        where p.dataset_id = :datasetId and p.external_id = u.external_id)""")
  List<String> findExisting(
      @Param("datasetId") long datasetId, @Param("externalIds") String[] externalIds);

  /*
   * The listing, oldest first, keyset-paginated on the id; one method per filter. Each reads one
   * row more than the limit, to tell whether a page follows.
   */

  Window<ProblemEntity> findByOrderById(ScrollPosition position, Limit limit);

  Window<ProblemEntity> findByDatasetIdOrderById(
      long datasetId, ScrollPosition position, Limit limit);

  Window<ProblemEntity> findByDomainOrderById(String domain, ScrollPosition position, Limit limit);

  Window<ProblemEntity> findByDatasetIdAndDomainOrderById(
      long datasetId, String domain, ScrollPosition position, Limit limit);

  /**
   * Serialises the uploads to one dataset until the caller's transaction ends, so that the external
   * ids an upload reads as existing stay true until its rows are inserted. Native: an advisory lock
   * is PostgreSQL's ({@code pg_advisory_xact_lock}, released by the commit or rollback), and JPA
   * has no conflict-skipping insert that would make the read unnecessary; JPA's pessimistic lock on
   * the dataset's row ({@code for update}) would also hold back the creation of runs on the dataset
   * (their foreign key share-locks the row) for the whole upload. A transaction is mandatory:
   * without one the lock would end with this statement.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  @Query(nativeQuery = true, value = "select 1 from pg_advisory_xact_lock(:lockClass, :key)")
  int lockUploads(@Param("lockClass") int lockClass, @Param("key") int key);
}
