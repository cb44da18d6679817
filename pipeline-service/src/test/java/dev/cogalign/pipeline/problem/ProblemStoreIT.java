package dev.cogalign.pipeline.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.crv.agent.AgentCall;
import dev.cogalign.crv.agent.CritiqueResponse;
import dev.cogalign.crv.agent.RevisionOrigin;
import dev.cogalign.crv.agent.StepFinding;
import dev.cogalign.crv.agent.Verdict;
import dev.cogalign.crv.agent.VerificationResponse;
import dev.cogalign.crv.problem.ProblemInput;
import dev.cogalign.pipeline.dataset.Dataset;
import dev.cogalign.pipeline.dataset.DatasetRepository;
import dev.cogalign.pipeline.problem.ProblemUploadService.Format;
import dev.cogalign.pipeline.revision.NewRevision;
import dev.cogalign.pipeline.revision.Revision;
import dev.cogalign.pipeline.revision.RevisionRepository;
import dev.cogalign.pipeline.revision.StepKey;
import dev.cogalign.pipeline.revision.StoredSteps;
import dev.cogalign.pipeline.support.PipelineIT;
import dev.cogalign.testsupport.SharedData;
import dev.cogalign.testsupport.StatementCounter;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Window;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the CoT store's writes and reads cost in statements: an upload of GSM8K's whole train file
 * goes in JDBC batches (a statement per 500 rows, not per row), and every read is a fixed number of
 * statements whatever the number of rows it returns (no statement per problem, revision, critique
 * or verification).
 */
@TestPropertySource(properties = "cogalign.upload.max-rows=10000")
@Import(ProblemStoreIT.CountingDataSource.class)
class ProblemStoreIT extends PipelineIT {
  private static final StatementCounter STATEMENTS = new StatementCounter();
  private static final AgentCall CALL = new AgentCall("critic", "rules", "rule-v1", 3, 10, 5, null);

  @Autowired DatasetRepository datasets;
  @Autowired ProblemRepository problems;
  @Autowired ProblemUploadService uploads;
  @Autowired RevisionRepository revisions;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;

  @TestConfiguration(proxyBeanMethods = false)
  static class CountingDataSource {
    @Bean
    static BeanPostProcessor countStatements() {
      return STATEMENTS.wrappingEveryDataSource();
    }
  }

  @Test
  void uploadsGsm8kTrainInBatchesAndFindsItAllExistingWithAFewStatements() throws IOException {
    String body = Files.readString(SharedData.path("data/gsm8k/train.jsonl"));
    long rows = body.lines().filter(line -> !line.isBlank()).count();
    long dataset = datasets.create("gsm8k-train-batched").id();

    AtomicReference<UploadResult> first = new AtomicReference<>();
    long firstCost =
        STATEMENTS.during(() -> first.set(uploads.upload(dataset, body, Format.JSON_LINES)));
    AtomicReference<UploadResult> second = new AtomicReference<>();
    long secondCost =
        STATEMENTS.during(() -> second.set(uploads.upload(dataset, body, Format.JSON_LINES)));

    assertThat(rows).isEqualTo(7473);
    assertThat(first.get().created() + first.get().existing()).isEqualTo(rows);
    assertThat(first.get().created()).isGreaterThan(7400);
    assertThat(second.get()).isEqualTo(new UploadResult(0, (int) rows));
    assertThat(count("select count(*) from crv.problem where dataset_id = ?", dataset))
        .isEqualTo(first.get().created());
    assertThat(
            count(
                "select count(*) from crv.cot_revision r join crv.problem p on p.id = r.problem_id"
                    + " where p.dataset_id = ? and r.origin = 'TEACHER' and r.run_id is null",
                dataset))
        .isEqualTo(first.get().created());
    // the dataset, the lock, the lookup of the upload's external ids, and per 500 rows of each
    // table a call of its id sequence and a batch (15 + 15 for the problems, as many for their
    // teacher CoTs): 61 measured, against 7,473 x 2 rows
    assertThat(firstCost).isLessThanOrEqualTo(65);
    // the dataset, the lock, the lookup
    assertThat(secondCost).isEqualTo(3);
  }

  @Test
  void leavesNoProblemOfAnUploadWhoseTransactionRollsBack() {
    long dataset = datasets.create("rolled-back").id();
    List<ParsedRow> rows =
        List.of(
            new ParsedRow(
                1, "rb-1", new ProblemInput("rb-1", "1+1?", "2", "1+1 = 2", "arithmetic")));

    assertThatThrownBy(
            () ->
                transactions.executeWithoutResult(
                    status -> {
                      assertThat(problems.insertIfAbsent(dataset, rows)).containsOnlyKeys("rb-1");
                      throw new IllegalStateException("the upload fails after its inserts");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(count("select count(*) from crv.problem where dataset_id = ?", dataset)).isZero();
    assertThat(uploads.upload(dataset, rows(1, "rb"), Format.JSON_LINES))
        .isEqualTo(new UploadResult(1, 0));
  }

  @Test
  void pagesProblemsInOneStatementWhetherTwoOrTwoHundred() {
    long dataset = datasets.create("paged-cost").id();
    uploads.upload(dataset, rows(250, "page"), Format.JSON_LINES);
    AtomicReference<Window<Problem>> two = new AtomicReference<>();
    AtomicReference<Window<Problem>> twoHundred = new AtomicReference<>();
    AtomicReference<Window<Problem>> next = new AtomicReference<>();

    long twoCost = STATEMENTS.during(() -> two.set(problems.page(dataset, null, 0, 2)));
    long twoHundredCost =
        STATEMENTS.during(() -> twoHundred.set(problems.page(dataset, "arithmetic", 0, 200)));
    long nextCost =
        STATEMENTS.during(
            () ->
                next.set(
                    problems.page(
                        dataset, null, twoHundred.get().getContent().get(199).id(), 200)));

    assertThat(twoCost).isEqualTo(1);
    assertThat(twoHundredCost).isEqualTo(1);
    assertThat(nextCost).isEqualTo(1);
    assertThat(two.get().getContent()).hasSize(2);
    assertThat(two.get().hasNext()).isTrue();
    assertThat(twoHundred.get().getContent()).hasSize(200);
    assertThat(next.get().getContent()).hasSize(50);
    assertThat(next.get().hasNext()).isFalse();
    assertThat(next.get().getContent().get(0).id())
        .isGreaterThan(twoHundred.get().getContent().get(199).id());
  }

  @Test
  void readsAProblemsHistoryInThreeStatementsWhetherOneRevisionOrTen() {
    long dataset = datasets.create("history-cost").id();
    uploads.upload(dataset, rows(2, "history"), Format.JSON_LINES);
    List<Problem> both = problems.page(dataset, null, 0, 2).getContent();
    long bare = both.get(0).id();
    long busy = both.get(1).id();
    long run = run(dataset);
    Revision parent = revisions.teachersOf(List.of(busy)).get(busy);
    for (int attempt = 0; attempt < 9; attempt++) {
      StepKey key = new StepKey(run, "rethink", attempt);
      Revision child =
          revisions.append(
              new NewRevision(
                  busy, parent.id(), RevisionOrigin.EXTENDED, "a\nb\n#### " + attempt, CALL),
              key);
      revisions.appendCritique(child.id(), critique(Verdict.MEDIUM), key);
      revisions.appendCritique(child.id(), critique(Verdict.EASY), new StepKey(run, "again", 0));
      revisions.appendVerification(child.id(), verification(), key);
      parent = child;
    }

    long bareCost = STATEMENTS.during(() -> assertThat(revisions.historyOf(bare)).hasSize(1));
    AtomicReference<List<Revision>> history = new AtomicReference<>();
    long busyCost = STATEMENTS.during(() -> history.set(revisions.historyOf(busy)));

    assertThat(bareCost).isEqualTo(3);
    assertThat(busyCost).isEqualTo(bareCost);
    assertThat(history.get()).hasSize(10);
    assertThat(history.get()).extracting(Revision::id).isSorted();
    assertThat(history.get().get(0).origin()).isEqualTo(RevisionOrigin.TEACHER);
    assertThat(history.get().get(0).call()).isNull();
    assertThat(history.get().get(0).critiques()).isEmpty();
    Revision last = history.get().get(9);
    assertThat(last.parentId()).isEqualTo(history.get().get(8).id());
    assertThat(last.steps()).containsExactly("a", "b");
    assertThat(last.finalAnswer()).isEqualTo("8");
    assertThat(last.call()).isEqualTo(CALL);
    assertThat(last.runId()).isEqualTo(run);
    assertThat(last.critiques())
        .extracting(c -> c.verdict())
        .containsExactly(Verdict.MEDIUM, Verdict.EASY);
    assertThat(last.verifications()).hasSize(1);
    assertThat(last.verifications().get(0).findings())
        .containsExactly(new StepFinding(1, true, "fine"));
  }

  @Test
  void findsWhatARunStoredByStepKeyInOneStatementEachAndThreeForAProblem() {
    long dataset = datasets.create("steps-cost").id();
    uploads.upload(dataset, rows(2, "steps"), Format.JSON_LINES);
    List<Problem> both = problems.page(dataset, null, 0, 2).getContent();
    long problem = both.get(0).id();
    long untouched = both.get(1).id();
    long run = run(dataset);
    StepKey key = new StepKey(run, "rethink", 1);
    Revision teacher = revisions.teachersOf(List.of(problem)).get(problem);
    Revision rewrite =
        revisions.append(
            new NewRevision(problem, teacher.id(), RevisionOrigin.SIMPLIFIED, "x\n#### 1", CALL),
            key);
    revisions.appendCritique(teacher.id(), critique(Verdict.HARD), new StepKey(run, "critique", 0));
    revisions.appendVerification(rewrite.id(), verification(), key);

    AtomicReference<Map<Long, Revision>> teachersRead = new AtomicReference<>();
    long teachersCost =
        STATEMENTS.during(
            () -> teachersRead.set(revisions.teachersOf(List.of(problem, untouched))));
    AtomicReference<Optional<Revision>> byKey = new AtomicReference<>();
    long byKeyCost = STATEMENTS.during(() -> byKey.set(revisions.findByKey(problem, key)));
    AtomicReference<Revision> again = new AtomicReference<>();
    long againCost =
        STATEMENTS.during(
            () ->
                again.set(
                    revisions.append(
                        new NewRevision(
                            problem, teacher.id(), RevisionOrigin.SIMPLIFIED, "other", CALL),
                        key)));
    AtomicReference<Set<Long>> withSteps = new AtomicReference<>();
    long withStepsCost = STATEMENTS.during(() -> withSteps.set(revisions.problemsWithSteps(run)));
    AtomicReference<StoredSteps> stored = new AtomicReference<>();
    long storedCost = STATEMENTS.during(() -> stored.set(revisions.storedSteps(run, problem)));
    long problemCost = STATEMENTS.during(() -> problems.get(problem));
    AtomicReference<Map<Long, Problem>> bothRead = new AtomicReference<>();
    long bothCost =
        STATEMENTS.during(() -> bothRead.set(problems.getAll(List.of(problem, untouched))));

    assertThat(teachersCost).isEqualTo(1);
    assertThat(byKeyCost).isEqualTo(1);
    assertThat(againCost).isEqualTo(2);
    assertThat(withStepsCost).isEqualTo(1);
    assertThat(storedCost).isEqualTo(3);
    assertThat(problemCost).isEqualTo(1);
    assertThat(bothCost).isEqualTo(1);
    assertThat(teachersRead.get()).containsEntry(problem, teacher).containsKey(untouched);
    assertThat(bothRead.get()).containsOnlyKeys(problem, untouched);
    assertThat(bothRead.get().get(untouched)).isEqualTo(both.get(1));
    assertThat(byKey.get()).contains(rewrite);
    assertThat(again.get()).isEqualTo(rewrite);
    assertThat(withSteps.get()).containsExactly(problem).doesNotContain(untouched);
    assertThat(stored.get().revision(key)).contains(rewrite);
    assertThat(stored.get().critique(teacher.id(), new StepKey(run, "critique", 0)))
        .get()
        .extracting(c -> c.verdict())
        .isEqualTo(Verdict.HARD);
    assertThat(stored.get().verification(rewrite.id(), key)).isPresent();
    assertThat(revisions.storedSteps(run, untouched).revision(key)).isEmpty();
  }

  @Test
  void listsAndGetsDatasetsInOneStatementEach() {
    Dataset created = datasets.create("listed");

    AtomicReference<List<Dataset>> all = new AtomicReference<>();
    long listCost = STATEMENTS.during(() -> all.set(datasets.findAll()));
    AtomicReference<Dataset> one = new AtomicReference<>();
    long getCost = STATEMENTS.during(() -> one.set(datasets.get(created.id())));

    assertThat(listCost).isEqualTo(1);
    assertThat(getCost).isEqualTo(1);
    assertThat(all.get()).contains(created).extracting(Dataset::id).isSorted();
    assertThat(one.get()).isEqualTo(created);
  }

  private static String rows(int count, String prefix) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < count; i++) {
      body.append(
          """
          {"id": "%s-%d", "question": "%d+1?", "answer": "%d", "cot": "%d+1 = %d", "domain": "arithmetic"}
          """
              .formatted(prefix, i, i, i + 1, i, i + 1));
    }
    return body.toString();
  }

  private long run(long dataset) {
    return jdbc.sql(
            "insert into crv.run (dataset_id, status, config, created_at)"
                + " values (?, 'CANCELLED', '{}', now()) returning id")
        .params(dataset)
        .query(Long.class)
        .single();
  }

  private long count(String sql, long dataset) {
    return jdbc.sql(sql).params(dataset).query(Long.class).single();
  }

  private static CritiqueResponse critique(Verdict verdict) {
    return new CritiqueResponse(verdict, List.of(new StepFinding(1, false, "why")), CALL);
  }

  private static VerificationResponse verification() {
    return new VerificationResponse(true, "1", List.of(new StepFinding(1, true, "fine")), CALL);
  }
}
