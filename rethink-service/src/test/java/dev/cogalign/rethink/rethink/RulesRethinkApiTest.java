package dev.cogalign.rethink.rethink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.agentweb.testing.LocalHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The default configuration: the offline rules rethinker. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.config.name=rethink-service")
class RulesRethinkApiTest {
  @LocalServerPort int port;

  @Test
  void extendsAMultiOperationStepIntoSingleOperationStepsWithTheRulesBackendByDefault()
      throws Exception {
    String request =
        "{\"question\":\"Natalia sold 48 clips in April and half as many in May. How many in"
            + " all?\",\"cot\":\"She sold 48+48/2 = <<48+48/2=72>>72 clips.\\n#### 72\","
            + "\"verdict\":\"EASY\"}";

    HttpResponse<String> response = LocalHttp.postJson(port, "/api/v1/rethinks", request);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JsonMapper.builder().build().readTree(response.body());
    assertThat(body.path("origin").asString()).isEqualTo("EXTENDED");
    assertThat(body.path("cot").asString())
        .contains("<<48/2=24>>")
        .contains("<<48+24=72>>")
        .endsWith("#### 72");
    assertThat(body.path("call").path("backend").asString()).isEqualTo("rules");
  }

  @Test
  void answers422ProblemWhenACotHasNothingToExtend() throws Exception {
    String request =
        "{\"question\":\"Janet has 16 eggs and eats 7. She sells the rest at $2. How much does"
            + " she make?\",\"cot\":\"Janet sells 16 - 7 = <<16-7=9>>9 eggs.\\nShe makes 9 * 2"
            + " = <<9*2=18>>18.\\n#### 18\",\"verdict\":\"EASY\"}";

    HttpResponse<String> response = LocalHttp.postJson(port, "/api/v1/rethinks", request);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode body = JsonMapper.builder().build().readTree(response.body());
    assertThat(body.path("type").asString())
        .isEqualTo("https://cogalign.dev/problems/nothing-to-rewrite");
    assertThat(body.path("detail").asString()).startsWith("nothing to extend");
  }

  @Test
  void answers422ProblemWhenACotHasNothingToSimplify() throws Exception {
    String request =
        "{\"question\":\"Janet has 16 eggs and eats 7. She sells the rest at $2. How much does"
            + " she make?\",\"cot\":\"Janet sells 16 - 7 = <<16-7=9>>9 eggs.\\nShe makes 9 * 2"
            + " = <<9*2=18>>18.\\n#### 18\",\"verdict\":\"HARD\"}";

    HttpResponse<String> response = LocalHttp.postJson(port, "/api/v1/rethinks", request);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("nothing to simplify");
  }
}
