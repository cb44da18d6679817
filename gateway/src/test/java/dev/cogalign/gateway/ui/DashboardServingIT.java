package dev.cogalign.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.gateway.GatewayApplication;
import dev.cogalign.gateway.StandInService;
import dev.cogalign.gateway.TestProperties;
import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.TestSecrets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard's pages and assets over real HTTP: served without a key under a strict
 * Content-Security-Policy, one {@code index.html} for every page path, while the API behind the
 * same gateway still needs a key.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=" + GatewayApplication.CONFIG_NAME,
      TestProperties.SECRETS_ADMIN_KEY,
      TestProperties.SECRETS_INTERNAL_TOKEN
    })
class DashboardServingIT {

  private static final StandInService services = new StandInService();

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

  private Http anonymous() {
    return new Http("http://127.0.0.1:" + port);
  }

  @Test
  void everyPagePathAnswersTheSameIndexWithoutAKeyUnderTheContentSecurityPolicy() {
    String index = anonymous().get("/ui/").body();
    assertThat(index).contains("<script type=\"module\" src=\"/ui/assets/app.js\">");
    for (String path :
        List.of(
            "/ui",
            "/ui/sign-in",
            "/ui/runs",
            "/ui/runs/12",
            "/ui/problems/7",
            "/ui/jobs",
            "/ui/jobs/3",
            "/ui/models",
            "/ui/experiments",
            "/ui/experiments/5")) {
      Http.Response page = anonymous().get(path);
      assertThat(page.status()).as(path).isEqualTo(200);
      assertThat(page.contentType()).as(path).startsWith("text/html");
      assertThat(page.body()).as(path).isEqualTo(index);
      assertThat(page.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValue(
              "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                  + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
                  + " frame-ancestors 'none'");
    }
  }

  @Test
  void assetsAreServedWithoutAKeyWithTheirMediaTypes() {
    Http.Response script = anonymous().get("/ui/assets/pages/job.js");
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.contentType()).contains("javascript");
    assertThat(script.body()).contains("loss-chart");
    Http.Response style = anonymous().get("/ui/assets/style.css");
    assertThat(style.status()).isEqualTo(200);
    assertThat(style.contentType()).startsWith("text/css");
    assertThat(style.body()).contains("prefers-color-scheme: dark");
  }

  @Test
  void unknownDashboardPathsAreNotFoundAndWritesNeedAKey() {
    assertThat(anonymous().get("/ui/runs/not-a-number").status()).isEqualTo(404);
    assertThat(anonymous().get("/ui/assets/missing.js").status()).isEqualTo(404);
    assertThat(anonymous().get("/ui/nothing-here").status()).isEqualTo(404);
    assertThat(anonymous().post("/ui/runs", "application/json", "{}").status()).isEqualTo(401);
  }

  @Test
  void pagesStayOutOfTheGatewaysOpenApiDocument() {
    // the API document needs a read key (unless cogalign.security.open-documentation)
    Http.Response document = anonymous().withKey(TestSecrets.ADMIN_KEY).get("/v3/api-docs");
    assertThat(document.status()).isEqualTo(200);
    assertThat(document.body()).contains("/api/v1/admin/keys").doesNotContain("\"/ui");
  }

  @Test
  void theApiBehindTheDashboardStillNeedsAKey() {
    Http.Response api = anonymous().get("/api/v1/runs");
    assertThat(api.status()).isEqualTo(401);
    assertThat(api.headers().firstValue("Content-Security-Policy")).isEmpty();
  }
}
