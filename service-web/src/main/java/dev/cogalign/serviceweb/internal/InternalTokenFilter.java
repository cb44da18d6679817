package dev.cogalign.serviceweb.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets a request to {@code /api/**} or to the OpenAPI document ({@code /v3/api-docs/**}) through
 * only when it carries the platform's internal token ({@link InternalHeaders#TOKEN}): services
 * accept their API from the gateway and from each other, never from a caller who reached their port
 * directly; the gateway serves their documents to holders of a key. Health probes and metrics stay
 * open (on Kubernetes only the gateway and Prometheus may reach a service's port: network
 * policies). With no token configured every request passes.
 */
public final class InternalTokenFilter extends OncePerRequestFilter {

  static final URI TYPE = URI.create("https://cogalign.dev/problems/internal-token-required");
  private static final JsonMapper JSON =
      JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

  private final byte[] token;

  public InternalTokenFilter(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return token.length == 0 || !(under(path, "/api") || under(path, "/v3/api-docs"));
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String presented = request.getHeader(InternalHeaders.TOKEN);
    if (presented != null
        && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
      chain.doFilter(request, response);
      return;
    }
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.UNAUTHORIZED,
            "This service answers /api/** and its API document only through the gateway: call the"
                + " gateway with an API key");
    problem.setType(TYPE);
    problem.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(HttpStatus.UNAUTHORIZED.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(JSON.writeValueAsBytes(problem));
  }
}
