package dev.cogalign.trainer.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.cogpo.train.eval.Evaluation;
import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.Http.Response;
import dev.cogalign.testsupport.StatementCounter;
import dev.cogalign.testsupport.TestDatabase;
import dev.cogalign.trainer.TrainerApplication;
import dev.cogalign.trainer.model.ModelRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a job's view costs and when it is sent: one statement whatever the job's size, one per list,
 * and {@code If-None-Match} answered 304 while the job's row is unchanged (a lease renewal does not
 * change it). No worker runs here: the test moves the jobs as a worker would.
 */
@SpringBootTest(
    classes = TrainerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=" + TrainerApplication.CONFIG_NAME,
      "cogalign.trainer.worker.enabled=false",
      "cogalign.trainer.storage-dir=target/job-view-it",
      "cogalign.trainer.code-version=test-1.0"
    })
@Import(JobViewIT.CountingDataSource.class)
class JobViewIT {
  private static final StatementCounter STATEMENTS = new StatementCounter();
  private static final String WORKER = "job-view-it";

  private final List<Long> created = new ArrayList<>();

  @LocalServerPort int port;
  @Autowired JobRepository jobs;
  @Autowired ModelRepository models;
  @Autowired JdbcClient jdbc;

  @TestConfiguration(proxyBeanMethods = false)
  static class CountingDataSource {
    @Bean
    static BeanPostProcessor countStatements() {
      return STATEMENTS.wrappingEveryDataSource();
    }
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.springDataSource().forEach(registry::add);
  }

  @AfterEach
  void endJobs() {
    Instant now = Instant.now();
    for (long id : created) {
      jobs.cancel(id, now);
      jobs.finish(id, WORKER, JobStatus.CANCELLED, null, "end of test", now);
    }
    created.clear();
  }

  @Test
  void readsAJobInOneStatementWhetherItHasThreeStepsOrThreeHundred() {
    long small = running(queued());
    long large = running(queued());
    steps(small, 3);
    steps(large, 300);

    long smallCost = STATEMENTS.during(() -> assertThat(view(small).status()).isEqualTo(200));
    AtomicReference<Response> largeView = new AtomicReference<>();
    long largeCost = STATEMENTS.during(() -> largeView.set(view(large)));

    assertThat(smallCost).isEqualTo(1);
    assertThat(largeCost).isEqualTo(smallCost);
    assertThat(largeView.get().json().get("stepsCompleted").asInt()).isEqualTo(300);
  }

  @Test
  void listsJobsInOneStatementWhetherTwoOrTwenty() {
    for (int i = 0; i < 20; i++) {
      queued();
    }

    long twoCost = STATEMENTS.during(() -> assertThat(list(2)).hasSize(2));
    long twentyCost = STATEMENTS.during(() -> assertThat(list(20)).hasSize(20));

    assertThat(twoCost).isEqualTo(1);
    assertThat(twentyCost).isEqualTo(twoCost);
  }

  @Test
  void answersNotModifiedWithoutABodyUntilTheJobChangesButNotForALeaseRenewal() {
    long job = queued();
    Response queued = view(job);
    String etag = queued.headers().firstValue("ETag").orElseThrow();
    Response unchanged = conditional(job, etag);

    running(job);
    Response claimed = conditional(job, etag);
    String claimedEtag = claimed.headers().firstValue("ETag").orElseThrow();
    jobs.renew(job, WORKER, Instant.now().plus(Duration.ofHours(2)));
    Response renewed = conditional(job, claimedEtag);
    steps(job, 1);
    Response stepped = conditional(job, claimedEtag);

    assertThat(queued.status()).isEqualTo(200);
    assertThat(queued.headers().allValues("ETag")).containsExactly(etag);
    assertThat(unchanged.status()).isEqualTo(304);
    assertThat(unchanged.body()).isEmpty();
    assertThat(unchanged.headers().allValues("ETag")).containsExactly(etag);
    assertThat(claimed.status()).isEqualTo(200);
    assertThat(claimedEtag).isNotEqualTo(etag);
    assertThat(claimed.json().get("status").asString()).isEqualTo("RUNNING");
    assertThat(renewed.status()).isEqualTo(304);
    assertThat(renewed.body()).isEmpty();
    assertThat(stepped.status()).isEqualTo(200);
    assertThat(stepped.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(claimedEtag);
    assertThat(stepped.json().get("stepsCompleted").asInt()).isEqualTo(1);
  }

  @Test
  void writesAnEvaluationsItemsInBatchesAndReadsThemBackInOneStatement() {
    long job = queued();
    List<Evaluation.Item> outcomes = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      outcomes.add(
          new Evaluation.Item(
              "p" + i, "5", "out " + i, i % 2 == 0 ? "5" : null, i % 2 == 0, 7, false));
    }

    long writeCost = STATEMENTS.during(() -> jobs.insertItems(job, outcomes));
    AtomicReference<List<EvaluationItem>> read = new AtomicReference<>();
    long readCost = STATEMENTS.during(() -> read.set(jobs.items(job)));

    assertThat(writeCost).isLessThanOrEqualTo(3);
    assertThat(readCost).isEqualTo(1);
    assertThat(read.get()).hasSize(1200);
    assertThat(read.get().get(1199).problemId()).isEqualTo("p1199");
    assertThat(read.get().get(0).correct()).isTrue();
    assertThat(read.get().get(1).extracted()).isNull();
  }

  private long queued() {
    long model =
        models.registerBase("tiny", "/job-view-it/" + System.nanoTime(), "test-1.0", Instant.now());
    long id =
        jobs.insert(
            new NewJob(
                JobType.SFT,
                model,
                null,
                null,
                null,
                null,
                "test",
                "/job-view-it/data.jsonl",
                "0".repeat(64),
                0,
                Http.JSON.createObjectNode(),
                null,
                null,
                null,
                false,
                false,
                0,
                300,
                "test-1.0"),
            Instant.now());
    created.add(id);
    return id;
  }

  /** What a worker's claim does to the row, without taking the oldest job of the queue. */
  private long running(long job) {
    Instant now = Instant.now();
    jdbc.sql(
            "update job set status = 'RUNNING', lease_owner = ?, lease_expires_at = ?,"
                + " attempts = attempts + 1, attempt_started_at = ?, started_at = ? where id = ?")
        .params(
            WORKER,
            JobRepository.ts(now.plus(Duration.ofHours(1))),
            JobRepository.ts(now),
            JobRepository.ts(now),
            job)
        .update();
    return job;
  }

  private void steps(long job, int count) {
    for (int step = 1; step <= count; step++) {
      assertThat(jobs.recordStep(job, WORKER, step, step / 100.0, Map.of("loss", 1.0 / step)))
          .isPresent();
    }
  }

  private Response view(long job) {
    return new Http(port).get("/api/v1/jobs/" + job);
  }

  private Response conditional(long job, String etag) {
    return new Http(port).withHeader("If-None-Match", etag).get("/api/v1/jobs/" + job);
  }

  private List<?> list(int limit) {
    Response response = new Http(port).get("/api/v1/jobs?limit=" + limit);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<Object> items = new ArrayList<>();
    response.json().get("items").forEach(items::add);
    return items;
  }
}
