package dev.cogalign.gateway.security;

import dev.cogalign.gateway.web.HeaderOverridingRequest;
import dev.cogalign.serviceweb.internal.InternalHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the services behind the gateway learn of a request: the internal token (when configured),
 * the caller's principal ({@code key:<id>} or {@code jwt:<subject>}) and effective scopes; not the
 * caller's {@code Authorization} header, nor internal headers the caller made up.
 */
final class InternalHeadersFilter extends OncePerRequestFilter {

  private static final Set<String> FROM_CALLER_DROPPED =
      Set.of(
          HttpHeaders.AUTHORIZATION.toLowerCase(Locale.ROOT),
          InternalHeaders.TOKEN.toLowerCase(Locale.ROOT),
          InternalHeaders.PRINCIPAL.toLowerCase(Locale.ROOT),
          InternalHeaders.SCOPES.toLowerCase(Locale.ROOT));

  private final String token;

  InternalHeadersFilter(String token) {
    this.token = token;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Map<String, String> added = new LinkedHashMap<>();
    if (!token.isEmpty()) {
      added.put(InternalHeaders.TOKEN, token);
    }
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    if (caller != null && SecurityConfiguration.authenticatedCaller(caller)) {
      added.put(InternalHeaders.PRINCIPAL, SecurityConfiguration.principal(caller));
      added.put(
          InternalHeaders.SCOPES,
          Scope.of(caller.getAuthorities()).stream()
              .sorted()
              .map(Scope::value)
              .collect(Collectors.joining(" ")));
    }
    chain.doFilter(new HeaderOverridingRequest(request, FROM_CALLER_DROPPED, added), response);
  }
}
