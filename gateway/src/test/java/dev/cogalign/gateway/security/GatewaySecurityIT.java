package dev.cogalign.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.gateway.GatewayApplication;
import dev.cogalign.gateway.StandInService;
import dev.cogalign.gateway.TestClock;
import dev.cogalign.gateway.TestProperties;
import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.TestDatabase;
import dev.cogalign.testsupport.TestSecrets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * API keys, scopes, revocation and rate limits at the gateway, over real HTTP, with the keys in the
 * gateway's schema on embedded PostgreSQL and a real server standing in for the services.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=" + GatewayApplication.CONFIG_NAME,
      TestProperties.SECRETS_ADMIN_KEY,
      TestProperties.SECRETS_INTERNAL_TOKEN,
      "cogalign.security.key-cache-ttl=2s"
    })
class GatewaySecurityIT {

  private static final StandInService services = new StandInService();

  @TestConfiguration(proxyBeanMethods = false)
  static class Clocks {
    @Bean
    @Primary
    TestClock testClock() {
      return new TestClock();
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestProperties.database(registry);
    for (String service : List.of("pipeline", "critic", "rethink", "verifier", "trainer")) {
      registry.add("cogalign.gateway." + service + "-uri", services::url);
    }
  }

  @AfterAll
  static void stopServices() {
    services.close();
  }

  @LocalServerPort int port;
  @Autowired TestClock clock;

  private Http anonymous() {
    return new Http("http://127.0.0.1:" + port);
  }

  private Http admin() {
    return anonymous().withKey(TestSecrets.ADMIN_KEY);
  }

  /** A new key with these scopes (and rate limit, when not null); returns its secret. */
  private String key(String name, List<String> scopes, Integer requestsPerSecond) {
    Map<String, Object> body =
        requestsPerSecond == null
            ? Map.of("name", name, "scopes", scopes)
            : Map.of("name", name, "scopes", scopes, "requestsPerSecond", requestsPerSecond);
    Http.Response created = admin().postJson("/api/v1/admin/keys", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("key").asString();
  }

  @Test
  void refusesApiCallWithoutKeyWithProblemJson401() {
    Http.Response response = anonymous().get("/api/v1/datasets");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    JsonNode problem = response.json();
    assertThat(problem.get("status").asInt()).isEqualTo(401);
    assertThat(problem.get("detail").asString()).contains("Authorization: Bearer");
    assertThat(problem.get("requestId").asString())
        .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
  }

  @Test
  void refusesUnknownKeyAndUnknownRouteAlikeWithout401Leak() {
    Http.Response unknownKey =
        anonymous().withKey("cog_not-a-key-0123456789abcdefghijklmnopqrstuvwx").get("/api/v1/runs");
    Http.Response unknownRoute = anonymous().get("/api/v1/nothing-here");

    assertThat(unknownKey.status()).isEqualTo(401);
    assertThat(unknownKey.contentType()).startsWith("application/problem+json");
    assertThat(unknownRoute.status()).isEqualTo(401);
  }

  @Test
  void leavesHealthProbesOpenAndAsksAReadKeyForMetricsAndApiDocuments() {
    for (String path : List.of("/actuator/health", "/actuator/health/liveness")) {
      assertThat(anonymous().get(path).status()).as(path).isEqualTo(200);
    }
    Http reader = anonymous().withKey(key("docs-reader", List.of("read"), null));
    for (String path :
        List.of("/actuator/prometheus", "/v3/api-docs/swagger-config", "/api-docs/pipeline")) {
      Http.Response withoutKey = anonymous().get(path);
      assertThat(withoutKey.status()).as(path).isEqualTo(401);
      assertThat(withoutKey.contentType()).startsWith("application/problem+json");
      assertThat(reader.get(path).status()).as(path).isEqualTo(200);
    }
  }

  @Test
  void letsPrometheusScrapeWithTheInternalTokenButNothingElse() {
    Http prometheus = anonymous().withKey(TestSecrets.INTERNAL_TOKEN);

    assertThat(prometheus.get("/actuator/prometheus").status()).isEqualTo(200);
    assertThat(prometheus.get("/api/v1/runs").status()).isEqualTo(401);
    assertThat(prometheus.get("/v3/api-docs/swagger-config").status()).isEqualTo(401);
    assertThat(anonymous().withKey("not-the-token").get("/actuator/prometheus").status())
        .isEqualTo(401);
  }

  @Test
  void answersRequestTheFirewallRejectsWithProblemJson400() {
    Http.Response response = admin().get("/api/v1/datasets;jsessionid=1");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString())
        .isEqualTo("urn:cogalign:problem:request-rejected");
  }

  @Test
  void readKeyReadsButCannotSubmitOrTrainOrAdminister() {
    Http reader = anonymous().withKey(key("reader", List.of("read"), null));

    assertThat(reader.get("/api/v1/runs/1").status()).isEqualTo(200);
    Http.Response submit = reader.postJson("/api/v1/runs", Map.of("datasetId", 1));
    assertThat(submit.status()).isEqualTo(403);
    assertThat(submit.contentType()).startsWith("application/problem+json");
    assertThat(submit.json().get("detail").asString()).contains("'submit'");
    assertThat(reader.postJson("/api/v1/jobs", Map.of()).status()).isEqualTo(403);
    assertThat(reader.get("/api/v1/admin/keys").status()).isEqualTo(403);
  }

  @Test
  void submitAndTrainScopesCoverTheirOwnRoutesOnly() {
    Http submitter = anonymous().withKey(key("submitter", List.of("submit"), null));
    Http trainer = anonymous().withKey(key("trainer", List.of("train"), null));

    assertThat(submitter.postJson("/api/v1/datasets", Map.of("name", "d")).status()).isEqualTo(200);
    assertThat(submitter.postJson("/api/v1/critiques", Map.of()).status()).isEqualTo(200);
    assertThat(submitter.postJson("/api/v1/models", Map.of()).status()).isEqualTo(403);
    assertThat(submitter.get("/api/v1/datasets").status()).isEqualTo(403);
    assertThat(trainer.postJson("/api/v1/jobs", Map.of()).status()).isEqualTo(200);
    assertThat(trainer.postJson("/api/v1/experiments", Map.of()).status()).isEqualTo(200);
    assertThat(trainer.postJson("/api/v1/runs", Map.of()).status()).isEqualTo(403);
  }

  @Test
  void forwardsInternalTokenAndCallerButNeitherItsKeyNorForgedInternalHeaders() {
    String secret = key("forwarded", List.of("read"), null);
    long id =
        admin()
            .get("/api/v1/admin/keys")
            .json()
            .valueStream()
            .filter(k -> k.get("name").asString().equals("forwarded"))
            .findFirst()
            .orElseThrow()
            .get("id")
            .asLong();

    Http.Response response =
        anonymous()
            .withKey(secret)
            .withHeader("X-CogAlign-Internal-Token", "forged")
            .withHeader("X-CogAlign-Scopes", "admin")
            .get("/api/v1/models");

    assertThat(response.status()).isEqualTo(200);
    assertThat(services.lastHeader("X-CogAlign-Internal-Token"))
        .isEqualTo(TestSecrets.INTERNAL_TOKEN);
    assertThat(services.lastHeader("X-CogAlign-Principal")).isEqualTo("key:" + id);
    assertThat(services.lastHeader("X-CogAlign-Scopes")).isEqualTo("read");
    assertThat(services.lastHeader("Authorization")).isNull();
  }

  @Test
  void createsListsAndRevokesKeysShowingTheSecretOnlyOnce() {
    Http.Response created =
        admin()
            .postJson(
                "/api/v1/admin/keys",
                Map.of("name", "ci", "scopes", List.of("read", "train"), "requestsPerSecond", 5));
    assertThat(created.status()).isEqualTo(201);
    JsonNode key = created.json();
    String secret = key.get("key").asString();
    assertThat(secret).startsWith("cog_").hasSizeGreaterThan(40);
    assertThat(key.get("scopes").toString()).isEqualTo("[\"read\",\"train\"]");
    assertThat(key.get("requestsPerSecond").asInt()).isEqualTo(5);

    Http.Response listed = admin().get("/api/v1/admin/keys");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body()).doesNotContain(secret).doesNotContain("\"key\"");
    assertThat(anonymous().withKey(secret).get("/api/v1/jobs/1").status()).isEqualTo(200);

    Http.Response revoked = admin().delete("/api/v1/admin/keys/" + key.get("id").asLong());
    assertThat(revoked.status()).isEqualTo(204);
    Http.Response after = anonymous().withKey(secret).get("/api/v1/jobs/1");
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.json().get("detail").asString()).contains("revoked");
    assertThat(admin().delete("/api/v1/admin/keys/999999").status()).isEqualTo(404);
  }

  @Test
  void keyRevokedThroughAnotherGatewayStopsWorkingWithinTheCacheTtl() throws Exception {
    String secret = key("elsewhere", List.of("read"), null);
    Http holder = anonymous().withKey(secret);
    assertThat(holder.get("/api/v1/runs").status()).isEqualTo(200);

    try (Connection db = DriverManager.getConnection(TestDatabase.jdbcUrl());
        PreparedStatement revoke =
            db.prepareStatement(
                "UPDATE gateway.api_key SET revoked_at = now() WHERE name = 'elsewhere'")) {
      assertThat(revoke.executeUpdate()).isEqualTo(1);
    }
    clock.advance(Duration.ofSeconds(3));

    assertThat(holder.get("/api/v1/runs").status()).isEqualTo(401);
  }

  @Test
  void rejectsKeyRequestWithUnknownScopeNamingTheAllowedOnes() {
    Http.Response response =
        admin().postJson("/api/v1/admin/keys", Map.of("name", "x", "scopes", List.of("root")));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("detail").asString())
        .contains("root")
        .contains("read, submit, train, admin");
  }

  @Test
  void answersKeyBeyondItsRateWith429AndRetryAfter() {
    Http limited = anonymous().withKey(key("slow", List.of("read"), 1));

    Http.Response first = limited.get("/api/v1/runs");
    Http.Response second = limited.get("/api/v1/runs");

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(429);
    assertThat(second.contentType()).startsWith("application/problem+json");
    assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(second.json().get("status").asInt()).isEqualTo(429);

    clock.advance(Duration.ofSeconds(1));
    assertThat(limited.get("/api/v1/runs").status()).isEqualTo(200);
  }
}
