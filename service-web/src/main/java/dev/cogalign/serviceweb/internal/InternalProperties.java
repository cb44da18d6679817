package dev.cogalign.serviceweb.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cogalign.internal.*} (environment: {@code COGALIGN_INTERNAL_TOKEN}).
 *
 * @param token the platform's shared internal token; blank: none, and {@code /api/**} is open (a
 *     service run alone, as in its own tests)
 */
@ConfigurationProperties("cogalign.internal")
public record InternalProperties(String token) {

  public InternalProperties {
    token = token == null ? "" : token.strip();
  }

  /** Whether a token is configured (and so required of every {@code /api/**} request). */
  public boolean tokenConfigured() {
    return !token.isEmpty();
  }
}
