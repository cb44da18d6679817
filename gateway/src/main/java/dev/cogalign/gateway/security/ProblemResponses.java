package dev.cogalign.gateway.security;

import dev.cogalign.gateway.error.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's security answers as RFC 9457 problem details carrying the request id: 401 without a
 * working key or token, 403 when it lacks the scope (naming the scope), 429 beyond the key's rate,
 * 400 for a request Spring Security's firewall rejects (an encoded slash, a semicolon, …).
 */
final class ProblemResponses
    implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

  static final URI TYPE_UNAUTHENTICATED = URI.create("urn:cogalign:problem:unauthenticated");
  static final URI TYPE_FORBIDDEN = URI.create("urn:cogalign:problem:forbidden");
  static final URI TYPE_RATE_LIMITED = URI.create("urn:cogalign:problem:rate-limited");
  static final URI TYPE_REJECTED = URI.create("urn:cogalign:problem:request-rejected");

  private static final JsonMapper JSON =
      JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

  @Override
  public void commence(
      HttpServletRequest request,
      HttpServletResponse response,
      AuthenticationException authException)
      throws IOException {
    boolean presented = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    response.setHeader(
        HttpHeaders.WWW_AUTHENTICATE, presented ? "Bearer error=\"invalid_token\"" : "Bearer");
    String detail =
        presented
            ? authException.getMessage()
            : "This request needs an API key: send the header Authorization: Bearer <key>";
    write(request, response, HttpStatus.UNAUTHORIZED, TYPE_UNAUTHENTICATED, detail);
  }

  @Override
  public void handle(
      HttpServletRequest request,
      HttpServletResponse response,
      AccessDeniedException accessDeniedException)
      throws IOException {
    Scope needed = ScopeRules.required(request.getMethod(), SecurityConfiguration.path(request));
    write(
        request,
        response,
        HttpStatus.FORBIDDEN,
        TYPE_FORBIDDEN,
        request.getMethod()
            + " "
            + request.getRequestURI()
            + " needs the scope '"
            + needed.value()
            + "', which this key does not have");
  }

  /** A request the firewall refuses (an encoded slash, a semicolon, a non-normalised path, …). */
  @Override
  public void handle(
      HttpServletRequest request,
      HttpServletResponse response,
      RequestRejectedException requestRejectedException)
      throws IOException {
    write(
        request,
        response,
        HttpStatus.BAD_REQUEST,
        TYPE_REJECTED,
        "The request was rejected: " + requestRejectedException.getMessage());
  }

  void tooManyRequests(
      HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds, int rate)
      throws IOException {
    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
    write(
        request,
        response,
        HttpStatus.TOO_MANY_REQUESTS,
        TYPE_RATE_LIMITED,
        "More than " + rate + " requests per second with this key; retry after the given seconds");
  }

  private static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      URI type,
      String detail)
      throws IOException {
    ProblemDetail problem = Problems.of(status, type, detail, request);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(JSON.writeValueAsBytes(problem));
  }
}
