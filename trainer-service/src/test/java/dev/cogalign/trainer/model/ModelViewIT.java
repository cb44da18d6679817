package dev.cogalign.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.Http.Response;
import dev.cogalign.testsupport.StatementCounter;
import dev.cogalign.testsupport.TestDatabase;
import dev.cogalign.trainer.TrainerApplication;
import dev.cogalign.trainer.job.JobRepository;
import dev.cogalign.trainer.job.JobType;
import dev.cogalign.trainer.job.NewJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What a model's view and a page of models cost: a fixed number of statements whatever the page's
 * size, the chains' depth or the evaluations per model (no statement per model or per ancestor).
 */
@SpringBootTest(
    classes = TrainerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=" + TrainerApplication.CONFIG_NAME,
      "cogalign.trainer.worker.enabled=false",
      "cogalign.trainer.storage-dir=target/model-view-it",
      "cogalign.trainer.code-version=test-1.0"
    })
@Import(ModelViewIT.CountingDataSource.class)
class ModelViewIT {
  private static final StatementCounter STATEMENTS = new StatementCounter();

  @LocalServerPort int port;
  @Autowired ModelRepository models;
  @Autowired JobRepository jobs;

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
  void listsModelsWithLineagesAndEvaluationsInThreeStatementsWhetherTwoOrTwenty() {
    for (int chain = 0; chain < 10; chain++) {
      chain(3, chain % 3);
    }

    long twoCost = STATEMENTS.during(() -> assertThat(list(2)).hasSize(2));
    long twentyCost = STATEMENTS.during(() -> assertThat(list(20)).hasSize(20));

    assertThat(twoCost).isEqualTo(3);
    assertThat(twentyCost).isEqualTo(twoCost);
  }

  @Test
  void showsAModelsLineageFromTheRootAndItsEvaluationsInThreeStatementsWhateverItsDepth() {
    long shallow = chain(1, 1);
    long deep = chain(6, 2);

    long shallowCost = STATEMENTS.during(() -> view(shallow));
    AtomicView deepView = new AtomicView();
    long deepCost = STATEMENTS.during(() -> deepView.json = view(deep));

    assertThat(shallowCost).isEqualTo(3);
    assertThat(deepCost).isEqualTo(shallowCost);
    List<Long> lineage = new ArrayList<>();
    deepView.json.get("lineage").forEach(id -> lineage.add(id.asLong()));
    assertThat(lineage).hasSize(5).isSorted().last().isEqualTo(deep - 1);
    assertThat(deepView.json.get("evaluations")).hasSize(2);
    assertThat(deepView.json.get("evaluations").get(0).get("accuracy").asDouble()).isEqualTo(0.5);
  }

  @Test
  void pagesThroughEveryModelNewestFirstWithoutRepeatingOne() {
    for (int i = 0; i < 5; i++) {
      chain(1, 0);
    }
    List<Long> seen = new ArrayList<>();
    String cursor = null;
    do {
      Response page =
          new Http(port)
              .get("/api/v1/models?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
      page.json().get("items").forEach(m -> seen.add(m.get("id").asLong()));
      JsonNode next = page.json().get("nextCursor");
      cursor = next == null || next.isNull() ? null : next.asString();
    } while (cursor != null);

    assertThat(seen).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(seen.size()).isGreaterThanOrEqualTo(5);
  }

  /** A BASE model and {@code depth - 1} trained descendants; returns the deepest's id. */
  private long chain(int depth, int evaluations) {
    Instant now = Instant.now();
    long id = models.registerBase("base", "/model-view-it/" + System.nanoTime(), "test-1.0", now);
    for (int d = 1; d < depth; d++) {
      id = models.insert("m", "/model-view-it/m", ModelKind.SFT, id, null, "0", null, "t", now);
    }
    for (int e = 0; e < evaluations; e++) {
      models.insertEvaluation(
          new NewEvaluation(id, evalJob(), "dataset:1", 1L, null, 5, 10, 0, false, 0), now);
    }
    return id;
  }

  private long evalJob() {
    return jobs.insert(
        new NewJob(
            JobType.EVAL,
            models.registerBase("evaluated", "/model-view-it/evaluated", "test-1.0", Instant.now()),
            null,
            null,
            1L,
            null,
            "dataset:1",
            "/model-view-it/data.jsonl",
            "0".repeat(64),
            10,
            Http.JSON.createObjectNode(),
            null,
            null,
            null,
            false,
            false,
            0,
            10,
            "test-1.0"),
        Instant.now());
  }

  private JsonNode view(long model) {
    Response response = new Http(port).get("/api/v1/models/" + model);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private List<JsonNode> list(int limit) {
    Response response = new Http(port).get("/api/v1/models?limit=" + limit);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    response.json().get("items").forEach(items::add);
    return items;
  }

  private static final class AtomicView {
    JsonNode json;
  }
}
