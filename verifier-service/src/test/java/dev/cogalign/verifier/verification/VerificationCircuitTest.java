package dev.cogalign.verifier.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.agentllm.testing.ScriptedChatServer;
import dev.cogalign.agentllm.testing.ScriptedResponse;
import dev.cogalign.agentweb.testing.LocalHttp;
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

  @DynamicPropertySource
  static void model(DynamicPropertyRegistry registry) {
    registry.add("cogalign.agent.llm.base-url", MODEL::openAiBaseUrl);
  }

  @AfterAll
  static void stopModel() {
    MODEL.close();
  }

  HttpResponse<String> post() throws Exception {
    return LocalHttp.postJson(port, "/api/v1/verifications", VerificationApiTest.REQUEST);
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
