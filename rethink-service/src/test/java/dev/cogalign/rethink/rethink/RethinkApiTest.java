package dev.cogalign.rethink.rethink;

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
      "spring.config.name=rethink-service",
      "cogalign.agent.backend=llm",
      "cogalign.agent.llm.model=rethink-model",
      "cogalign.agent.llm.resilience.initial-backoff=1ms",
      "cogalign.agent.llm.resilience.max-backoff=5ms"
    })
class RethinkApiTest {
  static final ScriptedChatServer MODEL = ScriptedChatServer.start();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String COT = "48/2 = <<48/2=24>>24\n48+24 = <<48+24=72>>72\n#### 72";
  static final String EXTENDED =
      "In April she sold 48 clips.\nIn May she sold 48/2 = <<48/2=24>>24 clips.\n"
          + "In all she sold 48+24 = <<48+24=72>>72 clips.\n#### 72";

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

  HttpResponse<String> post(String body) throws Exception {
    return LocalHttp.postJson(port, "/api/v1/rethinks", body);
  }

  static String request(String verdict) {
    return JSON.writeValueAsString(
        java.util.Map.of(
            "question", "Natalia sold 48 clips in April and half as many in May. How many?",
            "cot", COT,
            "verdict", verdict));
  }

  @Test
  void extendsAnEasyCot() throws Exception {
    MODEL.enqueue(
        ScriptedResponse.json(ChatJson.completion("rethink-model", EXTENDED, null, 90, 60)));

    HttpResponse<String> response = post(request("EASY"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("cot").asString()).isEqualTo(EXTENDED);
    assertThat(body.path("origin").asString()).isEqualTo("EXTENDED");
    assertThat(body.path("call").path("agent").asString()).isEqualTo("rethinker");
    assertThat(body.path("call").path("completionTokens").asInt()).isEqualTo(60);
    assertThat(ChatJson.lastMessage(MODEL.requests().get(0).body(), "system"))
        .contains("EXTENDING");
  }

  @Test
  void rejectsAMediumVerdictAsAnInvalidField() throws Exception {
    HttpResponse<String> response = post(request("MEDIUM"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(response.body()).path("errors").get(0).path("field").asString())
        .isEqualTo("verdict");
    assertThat(MODEL.requestCount()).isZero();
  }

  @Test
  void rejectsMissingFieldsAndAnUnknownVerdict() throws Exception {
    HttpResponse<String> missing = post("{\"question\":\"q\"}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(
            JSON.readTree(missing.body())
                .path("errors")
                .valueStream()
                .map(e -> e.path("field").asString()))
        .containsExactlyInAnyOrder("cot", "verdict");

    HttpResponse<String> unknown = post(request("TRIVIAL"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknown.body()).path("detail").asString()).contains("TRIVIAL");
  }

  @Test
  void answers502WithTheReasonWhenTheModelServerKeepsFailing() throws Exception {
    MODEL.otherwise(request -> ScriptedResponse.error(500, "worker died"));

    HttpResponse<String> response = post(request("HARD"));

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(response.body()).path("detail").asString())
        .contains("HTTP 500")
        .contains("worker died");
    assertThat(MODEL.requestCount()).isEqualTo(3);
  }
}
