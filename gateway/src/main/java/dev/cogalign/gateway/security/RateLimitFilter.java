package dev.cogalign.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.OptionalLong;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * 429 with {@code Retry-After} once an authenticated caller goes beyond its rate: the key's {@code
 * requestsPerSecond}, or the gateway's default (keys without one, JWT subjects).
 */
final class RateLimitFilter extends OncePerRequestFilter {

  private final RateLimiter limiter;
  private final int defaultRate;
  private final ProblemResponses problems;

  RateLimitFilter(RateLimiter limiter, int defaultRate, ProblemResponses problems) {
    this.limiter = limiter;
    this.defaultRate = defaultRate;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    if (caller == null || !SecurityConfiguration.authenticatedCaller(caller)) {
      chain.doFilter(request, response);
      return;
    }
    int rate = defaultRate;
    if (caller instanceof ApiKeyAuthentication key && key.key().requestsPerSecond() != null) {
      rate = key.key().requestsPerSecond();
    }
    OptionalLong retryAfter = limiter.acquire(SecurityConfiguration.principal(caller), rate);
    if (retryAfter.isPresent()) {
      problems.tooManyRequests(request, response, retryAfter.getAsLong(), rate);
      return;
    }
    chain.doFilter(request, response);
  }
}
