package dev.cogalign.gateway.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cogalign.security.*}: API keys, JWTs and rate limits at the gateway.
 *
 * @param adminKey an admin key to store (hashed) at start when it is not stored yet ({@code
 *     COGALIGN_ADMIN_KEY}: the first admin key on Kubernetes or compose); blank: none
 * @param adminKeyFile where to keep the local admin key ({@code cogalign up} sets {@code
 *     <data-dir>/admin.key}): created with a fresh admin key when missing; blank: none
 * @param defaultRequestsPerSecond the rate limit of a key created without one, and of a JWT's
 *     subject
 * @param keyCacheTtl how long a verified key is trusted without asking the database again: a key
 *     revoked through another gateway instance stops working after at most this long
 * @param jwt where JWTs are verified; both blank: JWTs are refused
 * @param openDocumentation whether {@code /actuator/prometheus}, the OpenAPI documents and the
 *     Swagger UI are open without a key ({@code cogalign up} opens them on its one machine); off by
 *     default: they need a {@code read} key (Prometheus may send the internal token instead)
 */
@ConfigurationProperties("cogalign.security")
public record GatewaySecurityProperties(
    String adminKey,
    String adminKeyFile,
    Integer defaultRequestsPerSecond,
    Duration keyCacheTtl,
    Jwt jwt,
    Boolean openDocumentation) {

  public static final int DEFAULT_REQUESTS_PER_SECOND = 100;
  public static final Duration DEFAULT_KEY_CACHE_TTL = Duration.ofSeconds(2);

  public GatewaySecurityProperties {
    adminKey = adminKey == null ? "" : adminKey.strip();
    adminKeyFile = adminKeyFile == null ? "" : adminKeyFile.strip();
    defaultRequestsPerSecond =
        defaultRequestsPerSecond == null ? DEFAULT_REQUESTS_PER_SECOND : defaultRequestsPerSecond;
    if (defaultRequestsPerSecond < 1) {
      throw new IllegalArgumentException(
          "cogalign.security.default-requests-per-second "
              + defaultRequestsPerSecond
              + " is not positive");
    }
    keyCacheTtl = keyCacheTtl == null ? DEFAULT_KEY_CACHE_TTL : keyCacheTtl;
    jwt = jwt == null ? new Jwt(null, null) : jwt;
    openDocumentation = openDocumentation != null && openDocumentation;
  }

  /**
   * @param issuerUri the OIDC issuer: its discovery document names the JWK set, and tokens must
   *     carry it as {@code iss}
   * @param jwkSetUri the JWK set to verify signatures with (without an issuer: any {@code iss})
   */
  public record Jwt(String issuerUri, String jwkSetUri) {
    public Jwt {
      issuerUri = issuerUri == null ? "" : issuerUri.strip();
      jwkSetUri = jwkSetUri == null ? "" : jwkSetUri.strip();
    }

    public boolean configured() {
      return !issuerUri.isEmpty() || !jwkSetUri.isEmpty();
    }
  }
}
