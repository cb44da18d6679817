package dev.cogalign.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.cogalign.gateway.GatewayApplication;
import dev.cogalign.gateway.StandInService;
import dev.cogalign.gateway.TestProperties;
import dev.cogalign.testsupport.Http;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * JWTs at the gateway: an RSA key pair made here, its public half served as a JWK set by a real
 * HTTP server, the gateway configured with that JWK set and an issuer; scopes come from the {@code
 * scope} or {@code scp} claim.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=" + GatewayApplication.CONFIG_NAME,
      TestProperties.SECRETS_INTERNAL_TOKEN,
      "cogalign.security.jwt.issuer-uri=" + GatewayJwtIT.ISSUER
    })
class GatewayJwtIT {

  static final String ISSUER = "https://issuer.test";

  private static final KeyPair signing = rsaKeyPair();
  private static final KeyPair stranger = rsaKeyPair();
  private static final StandInService services = new StandInService();
  private static HttpServer jwks;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestProperties.database(registry);
    for (String service : List.of("pipeline", "critic", "rethink", "verifier", "trainer")) {
      registry.add("cogalign.gateway." + service + "-uri", services::url);
    }
    byte[] keys =
        new JWKSet(new RSAKey.Builder((RSAPublicKey) signing.getPublic()).keyID("k1").build())
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwks.createContext(
        "/jwks",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, keys.length);
          exchange.getResponseBody().write(keys);
          exchange.close();
        });
    jwks.start();
    registry.add(
        "cogalign.security.jwt.jwk-set-uri",
        () -> "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks");
  }

  @AfterAll
  static void stopServers() {
    jwks.stop(0);
    services.close();
  }

  @LocalServerPort int port;

  private Http bearer(String token) {
    return new Http("http://127.0.0.1:" + port).withKey(token);
  }

  @Test
  void acceptsJwtWithScopeClaimAndForwardsItsSubject() {
    Http reader = bearer(jwt(signing, Map.of("scope", "read"), ISSUER, 300));

    assertThat(reader.get("/api/v1/datasets").status()).isEqualTo(200);
    assertThat(services.lastHeader("X-CogAlign-Principal")).isEqualTo("jwt:alice");
    assertThat(services.lastHeader("X-CogAlign-Scopes")).isEqualTo("read");
    Http.Response write = reader.postJson("/api/v1/runs", Map.of());
    assertThat(write.status()).isEqualTo(403);
    assertThat(write.contentType()).startsWith("application/problem+json");
  }

  @Test
  void acceptsScpClaimListAndAdminImpliesEveryScope() {
    Http submitter = bearer(jwt(signing, Map.of("scp", List.of("submit", "other")), ISSUER, 300));
    Http admin = bearer(jwt(signing, Map.of("scope", "admin"), ISSUER, 300));

    assertThat(submitter.postJson("/api/v1/runs", Map.of()).status()).isEqualTo(200);
    assertThat(submitter.postJson("/api/v1/jobs", Map.of()).status()).isEqualTo(403);
    assertThat(admin.postJson("/api/v1/jobs", Map.of()).status()).isEqualTo(200);
    assertThat(admin.get("/api/v1/admin/keys").status()).isEqualTo(200);
  }

  @Test
  void refusesJwtSignedByAnotherKeyExpiredOrFromAnotherIssuer() {
    Map<String, Object> read = Map.of("scope", "read");
    for (String token :
        List.of(
            jwt(stranger, read, ISSUER, 300),
            jwt(signing, read, ISSUER, -300),
            jwt(signing, read, "https://elsewhere.test", 300))) {
      Http.Response response = bearer(token).get("/api/v1/datasets");
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.contentType()).startsWith("application/problem+json");
    }
  }

  static String jwt(KeyPair key, Map<String, Object> claims, String issuer, long expiresInSeconds) {
    JWTClaimsSet.Builder set =
        new JWTClaimsSet.Builder()
            .subject("alice")
            .issuer(issuer)
            .issueTime(Date.from(Instant.now().minusSeconds(600)))
            .expirationTime(Date.from(Instant.now().plusSeconds(expiresInSeconds)));
    claims.forEach(set::claim);
    try {
      SignedJWT token =
          new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), set.build());
      token.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
      return token.serialize();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
