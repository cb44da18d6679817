package dev.cogalign.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import dev.cogalign.gateway.GatewayApplication;
import dev.cogalign.gateway.StandInService;
import dev.cogalign.gateway.TestProperties;
import dev.cogalign.testsupport.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * JWTs with only {@code cogalign.security.jwt.issuer-uri} configured: the gateway reads the
 * issuer's OpenID discovery document (served here by a real HTTP server, with the JWK set of a key
 * pair made here) on first use and checks {@code iss}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.config.name=" + GatewayApplication.CONFIG_NAME})
class GatewayOidcDiscoveryIT {

  private static final KeyPair signing = GatewayJwtIT.rsaKeyPair();
  private static final StandInService services = new StandInService();
  private static final HttpServer issuer = issuer();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestProperties.database(registry);
    for (String service : List.of("pipeline", "critic", "rethink", "verifier", "trainer")) {
      registry.add("cogalign.gateway." + service + "-uri", services::url);
    }
    registry.add("cogalign.security.jwt.issuer-uri", GatewayOidcDiscoveryIT::issuerUrl);
  }

  @AfterAll
  static void stopServers() {
    issuer.stop(0);
    services.close();
  }

  @LocalServerPort int port;

  @Test
  void acceptsJwtOfTheDiscoveredIssuerAndRefusesAnotherIssuer() {
    Http gateway = new Http("http://127.0.0.1:" + port);
    String ours = GatewayJwtIT.jwt(signing, Map.of("scope", "read"), issuerUrl(), 300);
    String theirs =
        GatewayJwtIT.jwt(signing, Map.of("scope", "read"), "https://elsewhere.test", 300);

    assertThat(gateway.withKey(ours).get("/api/v1/models").status()).isEqualTo(200);
    assertThat(services.lastHeader("X-CogAlign-Principal")).isEqualTo("jwt:alice");
    assertThat(gateway.withKey(theirs).get("/api/v1/models").status()).isEqualTo(401);
  }

  private static String issuerUrl() {
    return "http://127.0.0.1:" + issuer.getAddress().getPort();
  }

  private static HttpServer issuer() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/.well-known/openid-configuration",
          exchange ->
              reply(
                  exchange,
                  "{\"issuer\":\""
                      + issuerUrl()
                      + "\",\"jwks_uri\":\""
                      + issuerUrl()
                      + "/jwks\",\"subject_types_supported\":[\"public\"]}"));
      server.createContext(
          "/jwks",
          exchange ->
              reply(
                  exchange,
                  new JWKSet(
                          new RSAKey.Builder((RSAPublicKey) signing.getPublic())
                              .keyID("k1")
                              .build())
                      .toString()));
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void reply(com.sun.net.httpserver.HttpExchange exchange, String json)
      throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}
