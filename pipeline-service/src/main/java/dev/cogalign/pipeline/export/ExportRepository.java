package dev.cogalign.pipeline.export;

import dev.cogalign.pipeline.revision.CotText;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads a run's pairs and verified CoTs, and a dataset's teacher CoTs, through a server-side cursor
 * (a read-only transaction with a fetch size), one row at a time, so an export never holds the run
 * in memory.
 *
 * <p>JDBC, not Spring Data: the same queries as native {@code Stream<Object[]>} repository methods
 * (fetch size and read-only hints, in the same transaction) made the pairs export of a
 * 3,000-problem run 1.35×, 0.85×, 1.68× and 1.45× as slow by the median in four rounds of {@code
 * bench/pipeline-persistence.sh} (issue 14's bar: 1.2×); Hibernate's row processing is per value,
 * the export's rows are wide. The queries also join other packages' tables, use a {@code lateral}
 * join and a correlated {@code limit 1}, which JPQL does not express.
 *
 * <p>Prompt format, the same for SFT and CogPO: the prompt is the question as submitted; a
 * completion is the CoT in GSM8K form, its steps one per line, ending with {@code #### answer}.
 */
@Repository
class ExportRepository {
  static final int FETCH_SIZE = 256;

  /** The answer of a revision: parsed from its text, else what a verifier extracted from it. */
  private static final String ANSWER_OF =
      "coalesce(%1$s.final_answer, (select v.extracted_answer from crv.verification v"
          + " where v.revision_id = %1$s.id and v.extracted_answer is not null"
          + " order by v.correct desc, v.id limit 1))";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate readOnly;

  ExportRepository(DataSource dataSource, PlatformTransactionManager transactions) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.jdbc.setFetchSize(FETCH_SIZE);
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
  }

  void pairs(long runId, Annotations annotations, Consumer<? super PairRecord> sink) {
    String sql =
        "select pp.problem_id, pp.mini_task, pp.beta, pp.chosen_revision_id,"
            + " pp.rejected_revision_id, p.question, c.text as chosen, "
            + ANSWER_OF.formatted("c")
            + " as chosen_answer, r.text as rejected, "
            + ANSWER_OF.formatted("r")
            + " as rejected_answer"
            + " from crv.preference_pair pp"
            + " join crv.problem p on p.id = pp.problem_id"
            + " join crv.cot_revision c on c.id = pp.chosen_revision_id"
            + " join crv.cot_revision r on r.id = pp.rejected_revision_id"
            + " where pp.run_id = ? order by pp.id";
    readOnly.executeWithoutResult(
        status ->
            jdbc.query(
                sql,
                rs -> {
                  sink.accept(
                      new PairRecord(
                          rs.getString("question"),
                          annotations.apply(
                              CotText.withAnswer(
                                  rs.getString("chosen"), rs.getString("chosen_answer"))),
                          annotations.apply(
                              CotText.withAnswer(
                                  rs.getString("rejected"), rs.getString("rejected_answer"))),
                          rs.getDouble("beta"),
                          rs.getString("mini_task"),
                          rs.getLong("problem_id"),
                          rs.getLong("chosen_revision_id"),
                          rs.getLong("rejected_revision_id")));
                },
                runId));
  }

  void sft(long runId, Annotations annotations, Consumer<? super SftRecord> sink) {
    String sql =
        "select p.question, r.text, "
            + ANSWER_OF.formatted("r")
            + " as answer"
            + " from crv.run_problem rp"
            + " join crv.problem p on p.id = rp.problem_id"
            + " join crv.cot_revision r on r.id = rp.result_revision_id"
            + " where rp.run_id = ? and rp.state = 'VERIFIED' order by rp.problem_id";
    readOnly.executeWithoutResult(
        status ->
            jdbc.query(
                sql,
                rs -> {
                  sink.accept(
                      new SftRecord(
                          rs.getString("question"),
                          annotations.apply(
                              CotText.withAnswer(rs.getString("text"), rs.getString("answer")))));
                },
                runId));
  }

  /**
   * A dataset's problems in id order with their teacher CoT (the first TEACHER revision stored with
   * the upload) and gold answer; problems without a teacher CoT are left out.
   */
  void datasetSft(
      long datasetId, Annotations annotations, Consumer<? super DatasetSftRecord> sink) {
    String sql =
        "select p.id, p.question, p.gold_answer, r.text, "
            + ANSWER_OF.formatted("r")
            + " as answer"
            + " from crv.problem p"
            + " join lateral (select t.id, t.text, t.final_answer from crv.cot_revision t"
            + " where t.problem_id = p.id and t.origin = 'TEACHER' and t.run_id is null"
            + " order by t.id limit 1) r on true"
            + " where p.dataset_id = ? order by p.id";
    readOnly.executeWithoutResult(
        status ->
            jdbc.query(
                sql,
                rs -> {
                  sink.accept(
                      new DatasetSftRecord(
                          rs.getString("question"),
                          annotations.apply(
                              CotText.withAnswer(rs.getString("text"), rs.getString("answer"))),
                          rs.getString("gold_answer"),
                          rs.getLong("id")));
                },
                datasetId));
  }
}
