package dev.cogalign.pipeline.export;

import dev.cogalign.pipeline.revision.CotText;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads a run's pairs and verified CoTs, and a dataset's teacher CoTs, as Spring Data streams
 * ({@link ExportRows}) inside a read-only transaction, which keeps the connection and its
 * server-side cursor open while the rows are written, one at a time, so an export never holds the
 * run in memory. One statement per export, whatever its size.
 *
 * <p>Prompt format, the same for SFT and CogPO: the prompt is the question as submitted; a
 * completion is the CoT in GSM8K form, its steps one per line, ending with {@code #### answer}.
 */
@Repository
class ExportRepository {
  /** Rows per fetch of an export's cursor. */
  static final int FETCH_SIZE = 256;

  private final ExportRows rows;
  private final TransactionTemplate readOnly;

  ExportRepository(ExportRows rows, PlatformTransactionManager transactions) {
    this.rows = rows;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
  }

  void pairs(long runId, Annotations annotations, Consumer<? super PairRecord> sink) {
    stream(
        () -> rows.pairs(runId),
        row ->
            sink.accept(
                new PairRecord(
                    (String) row[5],
                    annotations.apply(CotText.withAnswer((String) row[6], (String) row[7])),
                    annotations.apply(CotText.withAnswer((String) row[8], (String) row[9])),
                    ((Number) row[2]).doubleValue(),
                    (String) row[1],
                    ((Number) row[0]).longValue(),
                    ((Number) row[3]).longValue(),
                    ((Number) row[4]).longValue())));
  }

  void sft(long runId, Annotations annotations, Consumer<? super SftRecord> sink) {
    stream(
        () -> rows.sft(runId),
        row ->
            sink.accept(
                new SftRecord(
                    (String) row[0],
                    annotations.apply(CotText.withAnswer((String) row[1], (String) row[2])))));
  }

  /**
   * A dataset's problems in id order with their teacher CoT (the first TEACHER revision stored with
   * the upload) and gold answer; problems without a teacher CoT are left out.
   */
  void datasetSft(
      long datasetId, Annotations annotations, Consumer<? super DatasetSftRecord> sink) {
    stream(
        () -> rows.datasetSft(datasetId),
        row ->
            sink.accept(
                new DatasetSftRecord(
                    (String) row[1],
                    annotations.apply(CotText.withAnswer((String) row[3], (String) row[4])),
                    (String) row[2],
                    ((Number) row[0]).longValue())));
  }

  /** Every row of {@code query}'s stream to {@code sink}, in a read-only transaction. */
  private void stream(Supplier<Stream<Object[]>> query, Consumer<Object[]> sink) {
    readOnly.executeWithoutResult(
        status -> {
          try (Stream<Object[]> stream = query.get()) {
            stream.forEachOrdered(sink);
          }
        });
  }
}
