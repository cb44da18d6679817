package dev.cogalign.verifier.verification;

import static org.assertj.core.api.Assertions.assertThat;

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
      "spring.config.name=verifier-service",
      "cogalign.agent.backend=llm",
      "cogalign.agent.llm.resilience.initial-backoff=1ms",
      "cogalign.agent.llm.resilience.max-backoff=5ms"
    })
class VerificationApiTest {
  static final ScriptedChatServer MODEL = ScriptedChatServer.start();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String REQUEST =
      "{\"question\":\"What is 6 times 7?\",\"goldAnswer\":\"42\","
          + "\"cot\":\"6 times 7 is 42.\\nSo the answer is \\\\boxed{42}.\"}";

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
    return LocalHttp.postJson(port, "/api/v1/verifications", body);
  }

  @Test
  void verifiesAFreeFormCotAgainstTheGoldAnswer() throws Exception {
    MODEL.enqueue(
        ScriptedResponse.chat(
            "{\"steps\":[{\"step\":1,\"ok\":true,\"message\":\"6*7=42\"},"
                + "{\"step\":2,\"ok\":true,\"message\":\"states 42\"}]}"));

    HttpResponse<String> response = post(REQUEST);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("correct").asBoolean()).isTrue();
    assertThat(body.path("extractedAnswer").asString()).isEqualTo("42");
    assertThat(body.path("findings").size()).isEqualTo(3);
    assertThat(body.path("findings").get(0).path("step").asInt()).isZero();
    assertThat(body.path("findings").get(0).path("ok").asBoolean()).isTrue();
    assertThat(body.path("call").path("agent").asString()).isEqualTo("verifier");
  }

  @Test
  void rejectsAnInvalidRequestListingEveryBadField() throws Exception {
    HttpResponse<String> response =
        post("{\"question\":\"q\",\"goldAnswer\":\"" + "9".repeat(2001) + "\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(
            JSON.readTree(response.body())
                .path("errors")
                .valueStream()
                .map(e -> e.path("field").asString()))
        .containsExactlyInAnyOrder("goldAnswer", "cot");
  }

  @Test
  void answers502WithTheReasonWhenTheModelServerKeepsFailing() throws Exception {
    MODEL.otherwise(request -> ScriptedResponse.error(503, "model loading"));

    HttpResponse<String> response = post(REQUEST);

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(JSON.readTree(response.body()).path("detail").asString())
        .contains("HTTP 503")
        .contains("model loading");
    assertThat(MODEL.requestCount()).isEqualTo(3);
  }
}
