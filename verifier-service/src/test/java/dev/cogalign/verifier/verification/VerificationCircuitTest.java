package dev.cogalign.verifier.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.agentllm.testing.ScriptedChatServer;
import dev.cogalign.agentllm.testing.ScriptedResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=verifier-service",
      "cogalign.agent.backend=llm",
      "cogalign.agent.llm.resilience.max-attempts=1",
      "cogalign.agent.llm.resilience.sliding-window-size=2",
      "cogalign.agent.llm.resilience.minimum-calls=2",
      "cogalign.agent.llm.resilience.open-state-wait=10m"
    })
class VerificationCircuitTest {
  static final ScriptedChatServer MODEL = ScriptedChatServer.start();

  @LocalServerPort int port;
  final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void model(DynamicPropertyRegistry registry) {
    registry.add("cogalign.agent.llm.base-url", MODEL::openAiBaseUrl);
  }

  @AfterAll
  static void stopModel() {
    MODEL.close();
  }

  HttpResponse<String> post() throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/verifications"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(VerificationApiTest.REQUEST))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answers503OnceTheCircuitHasOpenedAndStopsCallingTheModel() throws Exception {
    MODEL.otherwise(request -> ScriptedResponse.error(500, "down"));

    assertThat(post().statusCode()).isEqualTo(502);
    assertThat(post().statusCode()).isEqualTo(502);
    HttpResponse<String> refused = post();

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JsonMapper.builder().build().readTree(refused.body()).path("detail").asString())
        .contains("circuit breaker")
        .contains("is open");
    assertThat(MODEL.requestCount()).isEqualTo(2);
  }
}
