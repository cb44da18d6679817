package dev.cogalign.trainer.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogalign.critic.CriticApplication;
import dev.cogalign.pipeline.PipelineApplication;
import dev.cogalign.rethink.RethinkApplication;
import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.SharedData;
import dev.cogalign.testsupport.TestDatabase;
import dev.cogalign.trainer.TrainerApplication;
import dev.cogalign.verifier.VerifierApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The real services in this JVM, each on a random port: the three agent services (rules backend),
 * pipeline-service on the embedded PostgreSQL, and a CRV run over the first GSM8K train problems
 * whose pairs and SFT records the trainer pulls. Started once per JVM.
 */
public final class Platform {
  public static final int GSM8K_PROBLEMS = 10;
  private static final String NO_DATABASE =
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
          + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";

  private static Platform instance;

  private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
  private final List<String> agentUrls;
  private final String pipelineUrl;
  private final long runId;
  private final long emptyRunId;

  private Platform() {
    String critic = url(start(CriticApplication.class, CriticApplication.CONFIG_NAME, NO_DATABASE));
    String rethink =
        url(start(RethinkApplication.class, RethinkApplication.CONFIG_NAME, NO_DATABASE));
    String verifier =
        url(start(VerifierApplication.class, VerifierApplication.CONFIG_NAME, NO_DATABASE));
    agentUrls =
        List.of(
            "cogalign.agents.critic-url=" + critic,
            "cogalign.agents.rethink-url=" + rethink,
            "cogalign.agents.verifier-url=" + verifier);
    pipelineUrl = url(pipeline());
    Http pipeline = new Http(pipelineUrl);
    runId = crvRun(pipeline, "gsm8k-train-head", GSM8K_PROBLEMS);
    emptyRunId = crvRun(pipeline, "empty", 0);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> contexts.forEach(c -> c.close())));
  }

  public static synchronized Platform get() {
    if (instance == null) {
      instance = new Platform();
    }
    return instance;
  }

  public String pipelineUrl() {
    return pipelineUrl;
  }

  /** The CRV run over {@link #GSM8K_PROBLEMS} GSM8K problems. */
  public long runId() {
    return runId;
  }

  /** A finished run over an empty dataset: no pairs, no SFT records. */
  public long emptyRunId() {
    return emptyRunId;
  }

  /**
   * One more pipeline-service on a random port, on this platform's database and agents, with
   * further properties (e.g. {@code cogalign.student.trainer-url} of a trainer started later);
   * closed with the platform.
   */
  public ConfigurableApplicationContext pipeline(String... properties) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "spring.datasource.url=" + TestDatabase.jdbcUrl(),
                "spring.datasource.username=postgres",
                "spring.datasource.password=postgres"));
    all.addAll(agentUrls);
    all.addAll(List.of(properties));
    return start(
        PipelineApplication.class, PipelineApplication.CONFIG_NAME, all.toArray(String[]::new));
  }

  /** A trainer-service replica on a random port against this platform. */
  public ConfigurableApplicationContext trainer(Path storage, String... properties) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "spring.datasource.url=" + TestDatabase.jdbcUrl(),
                "spring.datasource.username=postgres",
                "spring.datasource.password=postgres",
                "cogalign.trainer.pipeline-url=" + pipelineUrl,
                "cogalign.trainer.storage-dir=" + storage,
                "cogalign.trainer.model-roots=" + SharedData.path("fixtures"),
                "cogalign.trainer.code-version=test-1.0",
                "cogalign.trainer.worker.poll-interval=100ms",
                "cogalign.trainer.worker.lease-duration=2s",
                "cogalign.trainer.worker.heartbeat-interval=300ms"));
    all.addAll(List.of(properties));
    return new SpringApplicationBuilder(TrainerApplication.class)
        .properties("spring.config.name=" + TrainerApplication.CONFIG_NAME)
        .run(args(all));
  }

  /** Command-line arguments: they override the services' own configuration files. */
  private static String[] args(List<String> properties) {
    List<String> args = new ArrayList<>(List.of("--server.port=0"));
    properties.forEach(p -> args.add("--" + p));
    return args.toArray(String[]::new);
  }

  public static String url(ConfigurableApplicationContext context) {
    return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private ConfigurableApplicationContext start(
      Class<?> application, String configName, String... properties) {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(application)
            .properties("spring.config.name=" + configName)
            .run(args(List.of(properties)));
    contexts.add(context);
    return context;
  }

  private static long crvRun(Http pipeline, String name, int problems) {
    long dataset = gsm8kDataset(pipeline, name, problems);
    Http.Response created = pipeline.postJson("/api/v1/runs", Map.of("datasetId", dataset));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long run = created.json().get("id").asLong();
    awaitRun(pipeline, run);
    return run;
  }

  /** A new dataset holding the first {@code problems} GSM8K train problems; its id. */
  public static long gsm8kDataset(Http pipeline, String name, int problems) {
    long dataset =
        pipeline.postJson("/api/v1/datasets", Map.of("name", name)).json().get("id").asLong();
    if (problems > 0) {
      try (Stream<String> lines = Files.lines(SharedData.path("data/gsm8k/train.jsonl"))) {
        String body = String.join("\n", lines.limit(problems).toList());
        Http.Response upload =
            pipeline.post(
                "/api/v1/datasets/" + dataset + "/problems", "application/x-ndjson", body);
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dataset;
  }

  /** Waits (up to a minute) until the run has finished; its view. */
  public static JsonNode awaitRun(Http pipeline, long run) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              JsonNode view = pipeline.get("/api/v1/runs/" + run).json();
              return List.of("SUCCEEDED", "FAILED", "CANCELLED")
                  .contains(view.get("status").asString());
            });
    return pipeline.get("/api/v1/runs/" + run).json();
  }
}
