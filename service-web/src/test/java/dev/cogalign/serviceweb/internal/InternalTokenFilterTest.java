package dev.cogalign.serviceweb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class InternalTokenFilterTest {

  private static final String TOKEN = "0123456789abcdef0123456789abcdef";

  @Test
  void refusesApiRequestWithoutTokenWithProblemJson401() throws Exception {
    MockHttpServletResponse response = filter(TOKEN, "/api/v1/datasets", null);

    assertThat(response.getStatus()).isEqualTo(401);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    assertThat(response.getContentAsString())
        .contains("\"status\":401")
        .contains("internal-token-required")
        .contains("\"instance\":\"/api/v1/datasets\"");
  }

  @Test
  void refusesApiRequestWithWrongToken() throws Exception {
    assertThat(filter(TOKEN, "/api/v1/runs/1", TOKEN + "x").getStatus()).isEqualTo(401);
    assertThat(filter(TOKEN, "/api/v1/runs/1", "").getStatus()).isEqualTo(401);
  }

  @Test
  void passesApiRequestWithToken() throws Exception {
    MockHttpServletResponse response = filter(TOKEN, "/api/v1/datasets", TOKEN);

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentAsString()).isEqualTo("passed");
  }

  @Test
  void leavesHealthAndMetricsOpenButAsksTheTokenForTheApiDocument() throws Exception {
    for (String path : new String[] {"/actuator/health/readiness", "/actuator/prometheus"}) {
      assertThat(filter(TOKEN, path, null).getContentAsString()).as(path).isEqualTo("passed");
    }
    for (String path : new String[] {"/v3/api-docs", "/v3/api-docs/swagger-config"}) {
      assertThat(filter(TOKEN, path, null).getStatus()).as(path).isEqualTo(401);
      assertThat(filter(TOKEN, path, TOKEN).getContentAsString()).as(path).isEqualTo("passed");
    }
    assertThat(filter(TOKEN, "/v3/api-docsx", null).getContentAsString()).isEqualTo("passed");
  }

  @Test
  void passesEverythingWhenNoTokenIsConfigured() throws Exception {
    assertThat(filter("", "/api/v1/datasets", null).getContentAsString()).isEqualTo("passed");
  }

  private static MockHttpServletResponse filter(String token, String path, String header)
      throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    if (header != null) {
      request.addHeader(InternalHeaders.TOKEN, header);
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain =
        new MockFilterChain(
            new jakarta.servlet.http.HttpServlet() {
              @Override
              protected void service(
                  jakarta.servlet.http.HttpServletRequest req,
                  jakarta.servlet.http.HttpServletResponse res)
                  throws java.io.IOException {
                res.getWriter().write("passed");
              }
            });
    new InternalTokenFilter(token).doFilter(request, response, chain);
    return response;
  }
}
