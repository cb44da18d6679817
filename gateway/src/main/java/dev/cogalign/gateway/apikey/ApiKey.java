package dev.cogalign.gateway.apikey;

import dev.cogalign.gateway.security.Scope;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A stored API key, without its secret (only the secret's hash is stored).
 *
 * @param requestsPerSecond its rate limit; {@code null}: the gateway's default
 * @param revokedAt when it was revoked; {@code null} while it works
 */
public record ApiKey(
    long id,
    String name,
    Set<Scope> scopes,
    Integer requestsPerSecond,
    Instant createdAt,
    Instant revokedAt) {

  public ApiKey {
    Objects.requireNonNull(name, "name");
    scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public boolean revoked() {
    return revokedAt != null;
  }
}
