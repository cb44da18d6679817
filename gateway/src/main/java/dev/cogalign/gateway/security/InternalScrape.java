package dev.cogalign.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Prometheus scraping the gateway's metrics with the platform's internal token as its bearer token
 * (the monitoring overlay's ServiceMonitor reads it from the same Secret as the services), so that
 * no API key has to be created for it. It opens the metrics path only; anywhere else the internal
 * token is no API key. Never matches when no internal token is configured.
 */
final class InternalScrape implements RequestMatcher {
  private static final String BEARER = "Bearer ";

  private final RequestMatcher path;
  private final byte[] token;

  InternalScrape(RequestMatcher path, String token) {
    this.path = path;
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean matches(HttpServletRequest request) {
    if (token.length == 0 || !path.matches(request)) {
      return false;
    }
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    return authorization != null
        && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
        && MessageDigest.isEqual(
            token,
            authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8));
  }
}
