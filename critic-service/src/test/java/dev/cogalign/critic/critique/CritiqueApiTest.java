package dev.cogalign.critic.critique;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.agentllm.testing.ChatJson;
import dev.cogalign.agentllm.testing.ScriptedChatServer;
import dev.cogalign.agentllm.testing.ScriptedResponse;
import dev.cogalign.agentweb.testing.LocalHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=critic-service",
      "cogalign.agent.backend=llm",
      "cogalign.agent.llm.model=critic-model",
      "cogalign.agent.llm.resilience.initial-backoff=1ms",
      "cogalign.agent.llm.resilience.max-backoff=5ms",
      "cogalign.agent.max-request-bytes=4096"
    })
class CritiqueApiTest {
  static final ScriptedChatServer MODEL = ScriptedChatServer.start();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String VALID =
      "{\"question\":\"Natalia sold 48 clips in April and half as many in May. How many in all?\","
          + "\"cot\":\"48/2 = <<48/2=24>>24\\n48+24 = <<48+24=72>>72\\n#### 72\"}";

  @LocalServerPort int port;

  @DynamicPropertySource
  static void model(DynamicPropertyRegistry registry) {
    registry.add("cogalign.agent.llm.base-url", MODEL::openAiBaseUrl);
  }

  @AfterAll
  static void stopModel() {
    MODEL.close();
  }

  @BeforeEach
  void resetModel() {
    MODEL.reset();
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return LocalHttp.postJson(port, path, body);
  }

  HttpResponse<String> get(String path) throws Exception {
    return LocalHttp.get(port, path);
  }

  @Test
  void answersAValidRequestWithTheVerdictReasonsAndCallProvenance() throws Exception {
    MODEL.enqueue(
        ScriptedResponse.json(
            ChatJson.completion(
                "critic-model",
                "{\"verdict\":\"Easy\",\"reasons\":[{\"step\":1,\"message\":\"no words\"}]}",
                "thinking about the student",
                100,
                20)));

    HttpResponse<String> response = post("/api/v1/critiques", VALID);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("verdict").asString()).isEqualTo("EASY");
    assertThat(body.path("reasons").get(0).path("step").asInt()).isEqualTo(1);
    assertThat(body.path("reasons").get(0).path("message").asString()).isEqualTo("no words");
    assertThat(body.path("call").path("backend").asString()).isEqualTo("llm");
    assertThat(body.path("call").path("model").asString()).isEqualTo("critic-model");
    assertThat(body.path("call").path("promptTokens").asInt()).isEqualTo(100);
    assertThat(body.path("call").path("reasoning").asString())
        .isEqualTo("thinking about the student");
    assertThat(MODEL.requestCount()).isEqualTo(1);
    assertThat(get("/actuator/prometheus").body())
        .contains("gen_ai_client_operation_seconds")
        .contains("gen_ai_client_token_usage");
  }

  @Test
  void rejectsAnInvalidRequestListingEveryBadField() throws Exception {
    HttpResponse<String> response =
        post(
            "/api/v1/critiques",
            "{\"question\":\" \",\"cot\":\"\",\"profile\":{\"maxOperationsPerStep\":0,"
                + "\"maxOperandDigits\":4,\"minSteps\":1,\"maxSteps\":8}}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("status").asInt()).isEqualTo(400);
    assertThat(body.path("errors").valueStream().map(e -> e.path("field").asString()))
        .containsExactlyInAnyOrder("question", "cot", "profile.maxOperationsPerStep");
    assertThat(MODEL.requestCount()).isZero();
  }

  @Test
  void rejectsAnUnreadableProfileNamingTheBrokenInvariant() throws Exception {
    HttpResponse<String> response =
        post(
            "/api/v1/critiques",
            "{\"question\":\"q\",\"cot\":\"c\",\"profile\":{\"maxOperationsPerStep\":1,"
                + "\"maxOperandDigits\":4,\"minSteps\":9,\"maxSteps\":8}}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("detail").asString())
        .contains("minSteps 9 is greater than maxSteps 8");
  }

  @Test
  void rejectsABodyOverTheSizeLimitWith413() throws Exception {
    String big = "{\"question\":\"q\",\"cot\":\"" + "x".repeat(5000) + "\"}";

    HttpResponse<String> response = post("/api/v1/critiques", big);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(JSON.readTree(response.body()).path("detail").asString())
        .contains("exceeds the limit of 4096 bytes");
  }

  @Test
  void answers502WithTheReasonWhenTheModelServerKeepsFailing() throws Exception {
    MODEL.otherwise(request -> ScriptedResponse.error(500, "GPU fell off the bus"));

    HttpResponse<String> response = post("/api/v1/critiques", VALID);

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("title").asString()).isEqualTo("Agent failed");
    assertThat(body.path("detail").asString())
        .contains("failed after 3 attempts: HTTP 500")
        .contains("GPU fell off the bus");
    assertThat(body.path("upstreamStatus").asInt()).isEqualTo(500);
    assertThat(MODEL.requestCount()).isEqualTo(3);
  }

  @Test
  void answers502WhenTheVerdictStaysMalformed() throws Exception {
    MODEL.otherwise(request -> ScriptedResponse.chat("{\"verdict\":\"TRIVIAL\"}"));

    HttpResponse<String> response = post("/api/v1/critiques", VALID);

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(JSON.readTree(response.body()).path("detail").asString())
        .contains("no usable answer")
        .contains("TRIVIAL");
  }

  @Test
  void exposesHealthProbesPrometheusAndOpenApi() throws Exception {
    assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/prometheus").body()).contains("http_server_requests");
    HttpResponse<String> api = get("/v3/api-docs");
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.body()).contains("/api/v1/critiques");
  }
}
