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
}
