package dev.cogalign.pipeline.export;

import dev.cogalign.pipeline.run.PreferencePairEntity;
import jakarta.persistence.QueryHint;
import java.util.stream.Stream;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * The exports' queries, streamed: each is one statement read through a server-side cursor ({@link
 * ExportRepository#FETCH_SIZE} rows a fetch, which PostgreSQL's driver honours inside the read-only
 * transaction {@link ExportRepository} opens), a row at a time, so an export never holds a run in
 * memory. Rows are {@code Object[]}, mapped to records by {@link ExportRepository}: no entity,
 * persistence context or projection proxy per row.
 *
 * <p>Native SQL, because JPQL cannot say it: the answer of a revision falls back to a correlated
 * subquery with {@code limit 1} ({@link #ANSWER_OF_C}), the dataset export takes each problem's
 * first teacher CoT by a {@code lateral} join, and the problems and CoT revisions they join are
 * tables of other packages, without entities here.
 */
interface ExportRows extends Repository<PreferencePairEntity, Long> {

  /*
   * The answer of revision c (r): parsed from its text, else what a verifier extracted from it
   * (annotation values must be constants, hence one per alias).
   */

  String ANSWER_OF_C =
      """
      coalesce(c.final_answer, (select v.extracted_answer from crv.verification v
          where v.revision_id = c.id and v.extracted_answer is not null
          order by v.correct desc, v.id limit 1))""";

  String ANSWER_OF_R =
      """
      coalesce(r.final_answer, (select v.extracted_answer from crv.verification v
          where v.revision_id = r.id and v.extracted_answer is not null
          order by v.correct desc, v.id limit 1))""";

  /**
   * A run's pairs in the order they were stored: problem id, mini-task, beta, chosen and rejected
   * revision ids, question, chosen text and answer, rejected text and answer.
   */
  @QueryHints({
    @QueryHint(name = HibernateHints.HINT_FETCH_SIZE, value = "" + ExportRepository.FETCH_SIZE),
    @QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true")
  })
  @Query(
      nativeQuery = true,
      value =
          "select pp.problem_id, pp.mini_task, pp.beta, pp.chosen_revision_id,"
              + " pp.rejected_revision_id, p.question, c.text as chosen, "
              + ANSWER_OF_C
              + " as chosen_answer, r.text as rejected, "
              + ANSWER_OF_R
              + " as rejected_answer"
              + " from crv.preference_pair pp"
              + " join crv.problem p on p.id = pp.problem_id"
              + " join crv.cot_revision c on c.id = pp.chosen_revision_id"
              + " join crv.cot_revision r on r.id = pp.rejected_revision_id"
              + " where pp.run_id = :runId order by pp.id")
  Stream<Object[]> pairs(@Param("runId") long runId);

  /** A run's verified problems by id: question, verified CoT's text and answer. */
  @QueryHints({
    @QueryHint(name = HibernateHints.HINT_FETCH_SIZE, value = "" + ExportRepository.FETCH_SIZE),
    @QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true")
  })
  @Query(
      nativeQuery = true,
      value =
          "select p.question, r.text, "
              + ANSWER_OF_R
              + " as answer"
              + " from crv.run_problem rp"
              + " join crv.problem p on p.id = rp.problem_id"
              + " join crv.cot_revision r on r.id = rp.result_revision_id"
              + " where rp.run_id = :runId and rp.state = 'VERIFIED' order by rp.problem_id")
  Stream<Object[]> sft(@Param("runId") long runId);

  /**
   * A dataset's problems by id with their teacher CoT (the first TEACHER revision stored with the
   * upload): problem id, question, gold answer, CoT text and answer; problems without one left out.
   */
  @QueryHints({
    @QueryHint(name = HibernateHints.HINT_FETCH_SIZE, value = "" + ExportRepository.FETCH_SIZE),
    @QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true")
  })
  @Query(
      nativeQuery = true,
      value =
          "select p.id, p.question, p.gold_answer, r.text, "
              + ANSWER_OF_R
              + " as answer"
              + " from crv.problem p"
              + " join lateral (select t.id, t.text, t.final_answer from crv.cot_revision t"
              + " where t.problem_id = p.id and t.origin = 'TEACHER' and t.run_id is null"
              + " order by t.id limit 1) r on true"
              + " where p.dataset_id = :datasetId order by p.id")
  Stream<Object[]> datasetSft(@Param("datasetId") long datasetId);
}
