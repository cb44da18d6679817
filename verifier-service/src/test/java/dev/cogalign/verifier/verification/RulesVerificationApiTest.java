package dev.cogalign.verifier.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.agentweb.testing.LocalHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The default configuration: the offline rules verifier. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.config.name=verifier-service")
class RulesVerificationApiTest {
  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;

  JsonNode verify(String cot) throws Exception {
    String request =
        JSON.writeValueAsString(
            java.util.Map.of(
                "question", "Natalia sold 48 clips in April and half as many in May. How many?",
                "goldAnswer", "72",
                "cot", cot));
    HttpResponse<String> response = LocalHttp.postJson(port, "/api/v1/verifications", request);
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  @Test
  void acceptsACotWhoseAnnotationsHoldAndRejectsOneWithAWrongAnnotation() throws Exception {
    String cot = "She sold 48/2 = <<48/2=24>>24 clips in May.\n48+24 = <<48+24=72>>72\n#### 72";

    JsonNode right = verify(cot);
    JsonNode wrong = verify(cot.replace("<<48/2=24>>24", "<<48/2=25>>25"));

    assertThat(right.path("correct").asBoolean()).isTrue();
    assertThat(right.path("extractedAnswer").asString()).isEqualTo("72");
    assertThat(right.path("call").path("backend").asString()).isEqualTo("rules");
    assertThat(wrong.path("correct").asBoolean()).isFalse();
    assertThat(
            wrong
                .path("findings")
                .valueStream()
                .filter(f -> !f.path("ok").asBoolean())
                .map(f -> f.path("step").asInt()))
        .containsExactly(1);
  }
}
