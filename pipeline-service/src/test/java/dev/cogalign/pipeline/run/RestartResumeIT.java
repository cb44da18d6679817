package dev.cogalign.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogalign.pipeline.PipelineApplication;
import dev.cogalign.pipeline.support.Datasets;
import dev.cogalign.pipeline.support.RuleAgentServer;
import dev.cogalign.pipeline.support.Runs;
import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.TestDatabase;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * A run interrupted by stopping pipeline-service mid-run, finished by the next instance: the new
 * instance resumes it at startup and stores exactly what an uninterrupted run of the same problems
 * stores.
 */
class RestartResumeIT {
  private static final int PROBLEMS = 10;
  private static final RuleAgentServer AGENTS = new RuleAgentServer();

  @AfterAll
  static void stopAgents() {
    AGENTS.close();
  }

  private static ConfigurableApplicationContext startPipeline() {
    return new SpringApplicationBuilder(PipelineApplication.class)
        .run(
            "--spring.config.name=" + PipelineApplication.CONFIG_NAME,
            "--server.port=0",
            "--spring.datasource.url=" + TestDatabase.jdbcUrl(),
            "--spring.datasource.username=postgres",
            "--spring.datasource.password=postgres",
            "--cogalign.agents.critic-url=" + AGENTS.url(),
            "--cogalign.agents.rethink-url=" + AGENTS.url(),
            "--cogalign.agents.verifier-url=" + AGENTS.url());
  }

  private static Http http(ConfigurableApplicationContext context) {
    return new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }

  private static long dataset(Http http, String name) throws IOException {
    return Datasets.ofGsm8kTrain(http, name, 300, 300 + PROBLEMS);
  }

  /** Rows the run stored, per table and step. */
  private static List<Map<String, Object>> stored(JdbcClient jdbc, long run) {
    return jdbc.sql(
            "select 'revision' as kind, origin as detail, step, attempt, count(*) as n"
                + " from crv.cot_revision where run_id = :run group by origin, step, attempt"
                + " union all select 'critique', verdict, step, attempt, count(*)"
                + " from crv.critique where run_id = :run group by verdict, step, attempt"
                + " union all select 'verification', correct::text, step, attempt, count(*)"
                + " from crv.verification where run_id = :run group by correct, step, attempt"
                + " union all select 'pair', mini_task, null, null, count(*)"
                + " from crv.preference_pair where run_id = :run group by mini_task"
                + " order by 1, 2, 3, 4")
        .param("run", run)
        .query()
        .listOfRows();
  }

  @Test
  void resumesARunInterruptedByARestartWithoutDuplicatingAnyStep() throws IOException {
    long run;
    long dataset;
    ConfigurableApplicationContext first = startPipeline();
    try {
      Http http = http(first);
      dataset = dataset(http, "restart");
      AGENTS.hold();
      run = Runs.start(http, Map.of("datasetId", dataset, "concurrency", 2));
      await().atMost(Duration.ofSeconds(30)).until(() -> AGENTS.totalCalls() >= 2);
    } finally {
      first.close();
      AGENTS.release();
    }
    JdbcClient jdbc =
        JdbcClient.create(
            new DriverManagerDataSource(TestDatabase.jdbcUrl(), "postgres", "postgres"));
    assertThat(
            jdbc.sql("select status from crv.run where id = :run")
                .param("run", run)
                .query(String.class)
                .single())
        .isEqualTo("RUNNING");
    assertThat(
            jdbc.sql(
                    "select count(*) from crv.run_problem where run_id = :run and state = 'PENDING'")
                .param("run", run)
                .query(Integer.class)
                .single())
        .isPositive();

    ConfigurableApplicationContext second = startPipeline();
    try {
      Http http = http(second);
      JsonNode resumed = Runs.awaitFinished(http, run, Duration.ofSeconds(60));
      long reference = Runs.start(http, Map.of("datasetId", dataset(http, "reference")));
      JsonNode fresh = Runs.awaitFinished(http, reference, Duration.ofSeconds(60));

      assertThat(resumed.get("status").asString()).isEqualTo("SUCCEEDED");
      assertThat(fresh.get("status").asString()).isEqualTo("SUCCEEDED");
      assertThat(resumed.get("counts").get("PENDING").asInt()).isZero();
      assertThat(stored(jdbc, run)).isNotEmpty().isEqualTo(stored(jdbc, reference));
    } finally {
      second.close();
    }
  }
}
