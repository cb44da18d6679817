package dev.cogalign.gateway.apikey;

import dev.cogalign.gateway.error.ApiKeyNotFoundException;
import dev.cogalign.gateway.error.InvalidRequestException;
import dev.cogalign.gateway.security.GatewaySecurityProperties;
import dev.cogalign.gateway.security.Scope;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Creates, lists and revokes API keys, and tells which key a secret belongs to. A verified key is
 * trusted for {@link GatewaySecurityProperties#keyCacheTtl()} without asking the database again;
 * revoking through this gateway forgets it at once.
 */
@Service
public class ApiKeyService {

  static final int MAX_NAME_LENGTH = 200;
  static final int MAX_REQUESTS_PER_SECOND = 100_000;

  /** How a secret given from outside was found in the store. */
  enum Stored {
    ADDED,
    ALREADY_ACTIVE,
    REVOKED
  }

  private record Cached(ApiKey key, Instant until) {}

  private final ApiKeyStore store;
  private final Clock clock;
  private final GatewaySecurityProperties properties;
  private final Map<String, Cached> verified = new ConcurrentHashMap<>();

  ApiKeyService(ApiKeyStore store, Clock clock, GatewaySecurityProperties properties) {
    this.store = store;
    this.clock = clock;
    this.properties = properties;
  }

  /** A key and its secret, which is shown this once and never stored. */
  public record Created(ApiKey key, String secret) {}

  /** Creates a key; a bad name, scope or rate limit is a 400 naming the field. */
  public Created create(String name, List<String> scopes, Integer requestsPerSecond) {
    if (name == null || name.isBlank()) {
      throw new InvalidRequestException("name", "must not be blank");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new InvalidRequestException("name", "longer than " + MAX_NAME_LENGTH + " characters");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidRequestException("name", "must not hold control characters");
    }
    if (scopes == null || scopes.isEmpty()) {
      throw new InvalidRequestException(
          "scopes", "must name at least one of " + Scope.allowedValues());
    }
    Set<Scope> parsed = EnumSet.noneOf(Scope.class);
    for (String scope : scopes) {
      try {
        parsed.add(Scope.parse(scope));
      } catch (IllegalArgumentException e) {
        throw new InvalidRequestException("scopes", e.getMessage());
      }
    }
    if (requestsPerSecond != null
        && (requestsPerSecond < 1 || requestsPerSecond > MAX_REQUESTS_PER_SECOND)) {
      throw new InvalidRequestException(
          "requestsPerSecond", "must be between 1 and " + MAX_REQUESTS_PER_SECOND);
    }
    String secret = ApiKeySecrets.generate();
    ApiKey key =
        store.insert(
            name.strip(), parsed, ApiKeySecrets.sha256(secret), requestsPerSecond, clock.instant());
    return new Created(key, secret);
  }

  public List<ApiKey> list() {
    return store.list();
  }

  /** Revokes the key: its secret stops working at once on this gateway. */
  public void revoke(long id) {
    if (store.find(id).isEmpty()) {
      throw new ApiKeyNotFoundException(id);
    }
    store.revoke(id, clock.instant());
    verified.values().removeIf(cached -> cached.key().id() == id);
  }

  /** The working (not revoked) key whose secret this is. */
  public Optional<ApiKey> authenticate(String secret) {
    String hash = ApiKeySecrets.sha256(secret);
    Instant now = clock.instant();
    Cached cached = verified.get(hash);
    if (cached != null && now.isBefore(cached.until())) {
      return Optional.of(cached.key());
    }
    Optional<ApiKey> key = store.findBySecret(hash).filter(k -> !k.revoked());
    if (key.isPresent()) {
      verified.put(hash, new Cached(key.get(), now.plus(properties.keyCacheTtl())));
    } else {
      verified.remove(hash);
    }
    return key;
  }

  /**
   * Stores {@code secret} as an admin key named {@code name} unless it is stored already (by
   * another gateway replica starting at the same time, too).
   */
  Stored storeAdminKey(String secret, String name) {
    String hash = ApiKeySecrets.sha256(secret);
    Optional<ApiKey> existing = store.findBySecret(hash);
    if (existing.isEmpty()) {
      try {
        store.insert(name, EnumSet.of(Scope.ADMIN), hash, null, clock.instant());
        return Stored.ADDED;
      } catch (DuplicateKeyException e) {
        existing = store.findBySecret(hash);
      }
    }
    return existing.orElseThrow().revoked() ? Stored.REVOKED : Stored.ALREADY_ACTIVE;
  }

  /** A fresh admin key named {@code name}; returns its secret. */
  String createAdminKey(String name) {
    return create(name, List.of(Scope.ADMIN.value()), null).secret();
  }
}
