package dev.cogalign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogalign.pipeline.PipelineApplication;
import dev.cogalign.testsupport.SharedData;
import dev.cogalign.testsupport.TestDatabase;
import dev.cogalign.testsupport.TestSecrets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway in front of the real pipeline-service on embedded PostgreSQL, over real HTTP: a
 * dataset is created, GSM8K rows uploaded as JSONL and listed back, all through the gateway.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=" + GatewayApplication.CONFIG_NAME,
      TestProperties.SECRETS_ADMIN_KEY,
      TestProperties.SECRETS_INTERNAL_TOKEN
    })
class GatewayPipelineIT {

  private static ConfigurableApplicationContext pipeline;

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void pipeline(DynamicPropertyRegistry registry) {
    TestProperties.database(registry);
    pipeline =
        new SpringApplicationBuilder(PipelineApplication.class)
            .properties("spring.config.name=pipeline-service")
            .run(
                "--server.port=0",
                "--spring.datasource.url=" + TestDatabase.jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--" + TestProperties.SECRETS_INTERNAL_TOKEN);
    int pipelinePort = ((WebServerApplicationContext) pipeline).getWebServer().getPort();
    registry.add("cogalign.gateway.pipeline-uri", () -> "http://127.0.0.1:" + pipelinePort);
  }

  @AfterAll
  static void stopPipeline() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void uploadsGsm8kRowsThroughGatewayAndListsThemBack() throws Exception {
    HttpResponse<String> created =
        send(
            authorized(gateway("/api/v1/datasets"))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "it-create-dataset")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"gsm8k-gateway-it\"}")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("X-Request-Id")).hasValue("it-create-dataset");
    String datasetId = json.readTree(created.body()).get("id").asText();

    String rows = firstLines(3);
    HttpResponse<String> uploaded = upload(datasetId, rows);
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    JsonNode counts = json.readTree(uploaded.body());
    assertThat(counts.get("created").asInt()).isEqualTo(3);
    assertThat(counts.get("existing").asInt()).isZero();

    HttpResponse<String> again = upload(datasetId, rows);
    JsonNode againCounts = json.readTree(again.body());
    assertThat(againCounts.get("created").asInt()).isZero();
    assertThat(againCounts.get("existing").asInt()).isEqualTo(3);

    HttpResponse<String> listed =
        send(authorized(gateway("/api/v1/problems?datasetId=" + datasetId + "&limit=10")).GET());
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    assertThat(listed.headers().firstValue("X-Request-Id")).isPresent();
    JsonNode items = json.readTree(listed.body()).get("items");
    assertThat(items).hasSize(3);
    List<String> questions =
        Stream.of(0, 1, 2).map(i -> items.get(i).get("question").asText()).toList();
    assertThat(questions)
        .containsExactlyInAnyOrder(
            rows.lines()
                .map(line -> json.readTree(line).get("question").asText())
                .toArray(String[]::new));
  }

  @Test
  void carriesIfNoneMatchToPipelineAndItsNotModifiedBackWithoutBody() throws Exception {
    HttpResponse<String> dataset =
        send(
            authorized(gateway("/api/v1/datasets"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"etag-gateway-it\"}")));
    String datasetId = json.readTree(dataset.body()).get("id").asText();
    HttpResponse<String> run =
        send(
            authorized(gateway("/api/v1/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"datasetId\":" + datasetId + "}")));
    assertThat(run.statusCode()).as(run.body()).isEqualTo(201);
    URI view = gateway("/api/v1/runs/" + json.readTree(run.body()).get("id").asText());
    // a run over no problems finishes at once; its view is stable from then on
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                json.readTree(send(authorized(view).GET()).body())
                    .get("status")
                    .asText()
                    .equals("SUCCEEDED"));

    HttpResponse<String> first = send(authorized(view).GET());
    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> unchanged = send(authorized(view).header("If-None-Match", etag).GET());
    HttpResponse<String> other =
        send(authorized(view).header("If-None-Match", "W/\"not-this-one\"").GET());

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(unchanged.statusCode()).isEqualTo(304);
    assertThat(unchanged.body()).isEmpty();
    assertThat(unchanged.headers().allValues("ETag")).containsExactly(etag);
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.headers().allValues("ETag")).containsExactly(etag);
    assertThat(json.readTree(other.body()).get("status").asText()).isEqualTo("SUCCEEDED");
  }

  @Test
  void answersUnknownRouteWithProblemJson404EvenWithServicesUp() throws Exception {
    HttpResponse<String> response = send(authorized(gateway("/api/v1/unknown-things/1")).GET());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(404);
    assertThat(problem.get("instance").asText()).isEqualTo("/api/v1/unknown-things/1");
    assertThat(problem.get("requestId").asText())
        .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
  }

  @Test
  void pipelineRefusesDirectCallWithoutInternalTokenButAnswersHealth() throws Exception {
    int pipelinePort = ((WebServerApplicationContext) pipeline).getWebServer().getPort();
    URI direct = URI.create("http://127.0.0.1:" + pipelinePort);

    HttpResponse<String> refused =
        send(
            HttpRequest.newBuilder(direct.resolve("/api/v1/datasets"))
                .header(TestSecrets.AUTHORIZATION, TestSecrets.bearer(TestSecrets.ADMIN_KEY))
                .GET());
    HttpResponse<String> health = send(HttpRequest.newBuilder(direct.resolve("/actuator/health")));
    HttpResponse<String> withToken =
        send(
            HttpRequest.newBuilder(direct.resolve("/api/v1/datasets"))
                .header(TestSecrets.INTERNAL_TOKEN_HEADER, TestSecrets.INTERNAL_TOKEN));

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(withToken.statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> upload(String datasetId, String jsonl) throws Exception {
    return send(
        authorized(gateway("/api/v1/datasets/" + datasetId + "/problems"))
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(jsonl)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String firstLines(int n) throws Exception {
    try (Stream<String> lines = Files.lines(SharedData.path("data/gsm8k/train.jsonl"))) {
      return lines.limit(n).collect(Collectors.joining("\n", "", "\n"));
    }
  }

  private static HttpRequest.Builder authorized(URI uri) {
    return HttpRequest.newBuilder(uri)
        .header(TestSecrets.AUTHORIZATION, TestSecrets.bearer(TestSecrets.ADMIN_KEY));
  }

  private URI gateway(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
