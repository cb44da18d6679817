package dev.cogalign.gateway.security;

import dev.cogalign.gateway.apikey.ApiKeyService;
import dev.cogalign.serviceweb.internal.InternalProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The gateway's one security filter chain (Spring Security, servlet: the gateway is Spring Cloud
 * Gateway Server Web MVC). Health probes are open; metrics and the API documents are open only with
 * {@code cogalign.security.open-documentation} (else they need a {@code read} key; Prometheus may
 * use the internal token, {@link InternalScrape}); every other request needs a bearer token (an API
 * key, or a JWT when an issuer is configured) with the scope {@link ScopeRules} names. Then the
 * caller's rate is checked and the internal headers are set for the services. Stateless: no
 * session, no CSRF token (no cookies are ever accepted).
 *
 * <p>Spring Boot's security auto-configuration is deliberately not on the classpath: in the
 * launcher every service shares it, and only the gateway may get a filter chain.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties({GatewaySecurityProperties.class, InternalProperties.class})
class SecurityConfiguration {

  /**
   * Open without a key: health probes, the error dispatch, and the dashboard's pages and assets
   * (the API calls they make need a key like any other).
   */
  static final RequestMatcher ALWAYS_OPEN =
      new OrRequestMatcher(
          PathPatternRequestMatcher.pathPattern("/actuator/health"),
          PathPatternRequestMatcher.pathPattern("/actuator/health/**"),
          PathPatternRequestMatcher.pathPattern("/actuator/info"),
          PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/ui"),
          PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/ui/**"),
          PathPatternRequestMatcher.pathPattern("/error"));

  /**
   * Metrics and the API documents with their UI: they need a {@code read} key, unless {@code
   * cogalign.security.open-documentation} opens them (as {@code cogalign up} does on one machine).
   * Prometheus may instead scrape the metrics with the internal token as its bearer token.
   */
  static final RequestMatcher METRICS =
      PathPatternRequestMatcher.pathPattern("/actuator/prometheus");

  static final RequestMatcher DOCUMENTATION =
      new OrRequestMatcher(
          METRICS,
          PathPatternRequestMatcher.pathPattern("/v3/api-docs/**"),
          PathPatternRequestMatcher.pathPattern("/api-docs/**"),
          PathPatternRequestMatcher.pathPattern("/swagger-ui.html"),
          PathPatternRequestMatcher.pathPattern("/swagger-ui/**"));

  /** The dashboard's pages: their own scripts, styles and API calls only, no framing. */
  static final String DASHBOARD_CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * No observation of each security filter, authentication and authorization: the request's own
   * {@code http.server.requests} observation already times every call, and wrapping the chain's
   * dozen filters in observations cost a measured share of the gateway's CPU per proxied call
   * (docs/benchmarks.md, issue 13).
   */
  @Bean
  SecurityObservationSettings securityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  ProblemResponses problemResponses() {
    return new ProblemResponses(); // also the firewall's RequestRejectedHandler, found as a bean
  }

  @Bean
  SecurityFilterChain gatewaySecurity(
      HttpSecurity http,
      ApiKeyService keys,
      GatewaySecurityProperties properties,
      InternalProperties internal,
      Clock clock,
      ProblemResponses problems) {
    BearerAuthentication authentication =
        new BearerAuthentication(keys, ConfiguredJwtDecoder.of(properties.jwt()));
    RequestMatcher open =
        new OrRequestMatcher(
            ALWAYS_OPEN,
            properties.openDocumentation() ? DOCUMENTATION : request -> false,
            new InternalScrape(METRICS, internal.token()));
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .headers(
            headers ->
                headers.addHeaderWriter(
                    new DelegatingRequestMatcherHeaderWriter(
                        new OrRequestMatcher(
                            PathPatternRequestMatcher.pathPattern("/ui"),
                            PathPatternRequestMatcher.pathPattern("/ui/**")),
                        new ContentSecurityPolicyHeaderWriter(DASHBOARD_CONTENT_SECURITY_POLICY))))
        .oauth2ResourceServer(
            oauth ->
                oauth
                    .bearerTokenResolver(bearerTokens(open))
                    .authenticationManagerResolver(request -> authentication)
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(open)
                    .permitAll()
                    .anyRequest()
                    .access(
                        (caller, context) ->
                            new AuthorizationDecision(allowed(caller.get(), context.getRequest()))))
        .addFilterAfter(
            new RateLimitFilter(
                new RateLimiter(clock), properties.defaultRequestsPerSecond(), problems),
            BearerTokenAuthenticationFilter.class)
        .addFilterAfter(new InternalHeadersFilter(internal.token()), AuthorizationFilter.class);
    return http.build();
  }

  /** Bearer tokens from the Authorization header only, and not on the open paths. */
  private static BearerTokenResolver bearerTokens(RequestMatcher open) {
    DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
    return request -> open.matches(request) ? null : header.resolve(request);
  }

  private static boolean allowed(Authentication caller, HttpServletRequest request) {
    return caller != null
        && authenticatedCaller(caller)
        && caller
            .getAuthorities()
            .contains(ScopeRules.required(request.getMethod(), path(request)).authority());
  }

  /** Whether {@code caller} is a key or token holder (not Spring Security's anonymous user). */
  static boolean authenticatedCaller(Authentication caller) {
    return caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken);
  }

  /** {@code key:<id>} for an API key, {@code jwt:<subject>} for a JWT. */
  static String principal(Authentication caller) {
    return caller instanceof ApiKeyAuthentication ? caller.getName() : "jwt:" + caller.getName();
  }

  /** The request's path within the gateway. */
  static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
