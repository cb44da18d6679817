package dev.cogalign.pipeline.run;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/**
 * Spring Data's view of {@code crv.run}; {@link RunRepository} is what services call. Reads are
 * {@link RunRow} projections (one statement, no managed entity); the status moves by conditional
 * bulk updates ({@code … where status in :unfinished}), whose count says whether it moved.
 */
interface RunRows extends Repository<RunEntity, Long> {
  /** The selection of a {@link RunRow}. */
  String ROW =
      """
      select new dev.cogalign.pipeline.run.RunRow(r.id, r.datasetId, r.status, r.config, r.reason,
          r.createdAt, r.startedAt, r.finishedAt, r.pending, r.verified, r.rejected, r.skipped,
          r.failed, r.pairs, r.version, r.studentCritic)
      from RunEntity r""";

  @Transactional
  RunEntity save(RunEntity run);

  @Query(ROW + " where r.id = :id")
  Optional<RunRow> row(@Param("id") long id);

  @Query("select r.status from RunEntity r where r.id = :id")
  Optional<RunStatus> status(@Param("id") long id);

  /** The newest runs first. */
  @Query(ROW + " order by r.id desc")
  List<RunRow> newest(Limit limit);

  /** The newest runs of a dataset first. */
  @Query(ROW + " where r.datasetId = :datasetId order by r.id desc")
  List<RunRow> newestOf(@Param("datasetId") long datasetId, Limit limit);

  @Query("select r.id from RunEntity r where r.status in :statuses order by r.id")
  List<Long> idsIn(@Param("statuses") Collection<RunStatus> statuses);

  /** To RUNNING if it is one of {@code unfinished}, keeping the first start time; the count. */
  @Transactional
  @Modifying
  @Query(
      """
      update RunEntity r set r.status = dev.cogalign.pipeline.run.RunStatus.RUNNING,
           r.startedAt = coalesce(r.startedAt, :now)
      where r.id = :id and r.status in :unfinished""")
  int markRunning(
      @Param("id") long id,
      @Param("unfinished") Collection<RunStatus> unfinished,
      @Param("now") Instant now);

  /** To a final status if it is one of {@code unfinished}; the count. */
  @Transactional
  @Modifying
  @Query(
      """
      update RunEntity r set r.status = :status, r.reason = :reason, r.finishedAt = :now
      where r.id = :id and r.status in :unfinished""")
  int finish(
      @Param("id") long id,
      @Param("unfinished") Collection<RunStatus> unfinished,
      @Param("status") RunStatus status,
      @Param("reason") String reason,
      @Param("now") Instant now);

  @Transactional
  @Modifying
  @Query("update RunEntity r set r.studentCritic = :calibrated where r.id = :id")
  int storeStudentCritic(@Param("id") long id, @Param("calibrated") String calibrated);
}
