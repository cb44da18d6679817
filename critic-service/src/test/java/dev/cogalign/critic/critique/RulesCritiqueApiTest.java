package dev.cogalign.critic.critique;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.agentweb.testing.LocalHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The default configuration: the offline rules critic. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.config.name=critic-service")
class RulesCritiqueApiTest {
  @LocalServerPort int port;

  @Test
  void judgesATerseCotEasyWithTheRulesBackendByDefault() throws Exception {
    String request =
        "{\"question\":\"Natalia sold 48 clips in April and half as many in May. How many in"
            + " all?\",\"cot\":\"She sold 48+48/2 = <<48+48/2=72>>72 clips.\\n#### 72\"}";

    HttpResponse<String> response = LocalHttp.postJson(port, "/api/v1/critiques", request);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JsonMapper.builder().build().readTree(response.body());
    assertThat(body.path("verdict").asString()).isEqualTo("EASY");
    assertThat(body.path("reasons").valueStream().map(r -> r.path("step").asInt())).contains(1);
    assertThat(body.path("call").path("backend").asString()).isEqualTo("rules");
    assertThat(body.path("call").path("model").asString()).isEqualTo("rules-v1");
  }
}
