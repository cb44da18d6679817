package dev.cogalign.trainer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.StatementCounter;
import dev.cogalign.testsupport.TestDatabase;
import dev.cogalign.trainer.TrainerApplication;
import dev.cogalign.trainer.job.JobRepository;
import dev.cogalign.trainer.job.JobType;
import dev.cogalign.trainer.job.NewJob;
import dev.cogalign.trainer.model.ModelKind;
import dev.cogalign.trainer.model.ModelRepository;
import dev.cogalign.trainer.model.NewEvaluation;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Opt-in ({@code -Dcogalign.benchmark=true}): statements and wall time per request of the job and
 * model views and lists, on 200 jobs and 60 models in chains BASE → SFT → COGPO with two
 * evaluations each. The same class runs on either side of a persistence change (it uses only the
 * repositories' public methods), so its two outputs compare the change.
 */
@SpringBootTest(
    classes = TrainerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=" + TrainerApplication.CONFIG_NAME,
      "cogalign.trainer.worker.enabled=false",
      "cogalign.trainer.storage-dir=target/status-view-bench",
      "cogalign.trainer.code-version=bench"
    })
@Import(StatusViewBenchmarkIT.CountingDataSource.class)
@EnabledIfSystemProperty(named = "cogalign.benchmark", matches = "true")
class StatusViewBenchmarkIT {
  private static final StatementCounter STATEMENTS = new StatementCounter();
  private static final int REQUESTS = 500;

  /** Enough for the JIT to compile the request path on a loaded machine, on either side. */
  private static final int WARMUP = 500;

  @LocalServerPort int port;
  @Autowired JobRepository jobs;
  @Autowired ModelRepository models;

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

  @Test
  void jobAndModelViewsAndLists() {
    Instant now = Instant.now();
    long deepest = 0;
    long job = 0;
    for (int chain = 0; chain < 20; chain++) {
      long base = models.registerBase("base", "/bench/" + System.nanoTime(), "bench", now);
      long parent = base;
      for (ModelKind kind : new ModelKind[] {ModelKind.SFT, ModelKind.COGPO}) {
        job = queued(parent, now);
        parent = models.insert("m", "/bench/m" + job, kind, parent, job, "0", null, "bench", now);
        for (int e = 0; e < 2; e++) {
          models.insertEvaluation(
              new NewEvaluation(parent, job, "dataset:1", 1L, null, 5, 10, 0, false, 0), now);
        }
      }
      deepest = parent;
    }
    for (int i = 0; i < 160; i++) {
      job = queued(deepest, now);
    }
    Http http = new Http(port);
    String report =
        "| request | statements | ms per request |\n|---|---|---|\n"
            + measure(http, "GET /jobs/{id}", "/api/v1/jobs/" + job)
            + measure(http, "GET /jobs?limit=20", "/api/v1/jobs?limit=20")
            + measure(
                http, "GET /models/{id} (depth 2, 2 evaluations)", "/api/v1/models/" + deepest)
            + measure(http, "GET /models?limit=20", "/api/v1/models?limit=20");
    System.out.println("StatusViewBenchmarkIT\n" + report);
  }

  private String measure(Http http, String name, String path) {
    for (int i = 0; i < WARMUP; i++) {
      assertThat(http.get(path).status()).isEqualTo(200);
    }
    long statements = STATEMENTS.during(() -> http.get(path));
    long start = System.nanoTime();
    for (int i = 0; i < REQUESTS; i++) {
      assertThat(http.get(path).status()).isEqualTo(200);
    }
    double ms = (System.nanoTime() - start) / 1e6 / REQUESTS;
    return "| `" + name + "` | " + statements + " | " + String.format("%.2f", ms) + " |\n";
  }

  private long queued(long model, Instant now) {
    return jobs.insert(
        new NewJob(
            JobType.SFT,
            model,
            null,
            null,
            null,
            null,
            "bench",
            "/bench/data.jsonl",
            "0".repeat(64),
            0,
            Http.JSON.createObjectNode(),
            null,
            null,
            null,
            false,
            false,
            0,
            50,
            "bench"),
        now);
  }
}
