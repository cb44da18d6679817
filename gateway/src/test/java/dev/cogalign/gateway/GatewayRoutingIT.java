package dev.cogalign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cogalign.testsupport.TestSecrets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The routing table, request ids and error mapping, against real HTTP servers standing in for the
 * five services: each answers with its own name and echoes the request id it received.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=" + GatewayApplication.CONFIG_NAME,
      TestProperties.SECRETS_ADMIN_KEY,
      TestProperties.SECRETS_INTERNAL_TOKEN
    })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayRoutingIT {

  private static final String CACHED_ETAG = "W/\"7\"";
  private static final List<String> SERVICES =
      List.of("pipeline", "critic", "rethink", "verifier", "trainer");
  private static final Map<String, HttpServer> servers = new ConcurrentHashMap<>();
  private static final Map<String, String> lastRequest = new ConcurrentHashMap<>();
  private static final Map<String, String> lastForwardedHost = new ConcurrentHashMap<>();
  private static final Map<String, String> lastInternalHeaders = new ConcurrentHashMap<>();
  private static final Map<String, byte[]> lastBody = new ConcurrentHashMap<>();
  private static final Map<String, String> lastContentType = new ConcurrentHashMap<>();

  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) throws IOException {
    TestProperties.database(registry);
    for (String service : SERVICES) {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          exchange -> {
            String id = exchange.getRequestHeaders().getFirst("X-Request-Id");
            String forwardedHost = exchange.getRequestHeaders().getFirst("X-Forwarded-Host");
            lastBody.put(service, exchange.getRequestBody().readAllBytes());
            lastContentType.put(
                service, String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            lastForwardedHost.put(service, String.valueOf(forwardedHost));
            lastInternalHeaders.put(
                service,
                exchange.getRequestHeaders().getFirst("X-CogAlign-Internal-Token")
                    + " "
                    + exchange.getRequestHeaders().getFirst("X-CogAlign-Scopes")
                    + " authorization="
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            lastRequest.put(
                service,
                exchange.getRequestMethod()
                    + " "
                    + exchange.getRequestURI().getPath()
                    + " "
                    + sortedQuery(exchange.getRequestURI().getQuery())
                    + " id="
                    + id);
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            if (CACHED_ETAG.equals(ifNoneMatch)) {
              // what a service answers a poll of an unchanged view: 304, the ETag, no body
              exchange.getResponseHeaders().add("ETag", CACHED_ETAG);
              exchange.getResponseHeaders().add("Connection", "close");
              exchange.sendResponseHeaders(304, -1);
              exchange.close();
              return;
            }
            exchange.getResponseHeaders().add("ETag", "W/\"" + service + "\"");
            byte[] body = ("{\"service\":\"" + service + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Request-Id", id);
            // no keep-alive: a stopped stand-in is then refused, not a stale pooled connection
            exchange.getResponseHeaders().add("Connection", "close");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
      servers.put(service, server);
      registry.add(
          "cogalign.gateway." + service + "-uri",
          () -> "http://127.0.0.1:" + server.getAddress().getPort());
    }
  }

  @AfterAll
  static void stopServers() {
    servers.values().forEach(server -> server.stop(0));
  }

  @ParameterizedTest
  @CsvSource({
    "GET, /api/v1/datasets, , pipeline",
    "GET, /api/v1/datasets/7/problems, , pipeline",
    "GET, /api/v1/problems, datasetId=3&limit=2, pipeline",
    "POST, /api/v1/runs, , pipeline",
    "GET, /api/v1/runs/5/pairs, , pipeline",
    "POST, /api/v1/critiques, , critic",
    "POST, /api/v1/rethinks, , rethink",
    "POST, /api/v1/verifications, , verifier",
    "GET, /api/v1/jobs/9/metrics, sinceStep=4, trainer",
    "GET, /api/v1/models, , trainer",
  })
  void routesEachApiPrefixToItsServiceWithPathAndQueryIntact(
      String method, String path, String query, String service) throws Exception {
    HttpResponse<String> response =
        http.send(
            authorized(gateway(query == null ? path : path + "?" + query))
                .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "req-" + service)
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"service\":\"" + service + "\"}");
    assertThat(lastRequest.get(service))
        .isEqualTo(method + " " + path + " " + sortedQuery(query) + " id=req-" + service);
    assertThat(response.headers().allValues("X-Request-Id")).containsExactly("req-" + service);
    assertThat(lastInternalHeaders.get(service))
        .isEqualTo(TestSecrets.INTERNAL_TOKEN + " read submit train admin authorization=null");
  }

  @Test
  void listsEveryServicesOpenApiDocumentInSwaggerUi() throws Exception {
    HttpResponse<String> config =
        http.send(
            authorized(gateway("/v3/api-docs/swagger-config")).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(config.statusCode()).isEqualTo(200);
    for (String service : SERVICES) {
      assertThat(config.body()).contains("\"url\":\"/api-docs/" + service + "\"");
    }
  }

  @Test
  void answersAQueryStringItCannotDecodeWithAProblemNotBootsErrorJson() throws Exception {
    HttpResponse<String> response =
        http.send(
            authorized(gateway("/api/v1/models?limit=%C3%28")).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(response.body()).contains("\"status\":400").doesNotContain("\"timestamp\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pipeline", "critic", "rethink", "verifier", "trainer"})
  void servesEachServicesOpenApiDocumentUnderApiDocs(String service) throws Exception {
    HttpResponse<String> response =
        http.send(
            authorized(gateway("/api-docs/" + service))
                .header("X-Request-Id", "docs-" + service)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(lastRequest.get(service)).isEqualTo("GET /v3/api-docs [] id=docs-" + service);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/runs/5:pipeline", "/api/v1/jobs/9:trainer"})
  void carriesIfNoneMatchToTheServiceAndItsNotModifiedBackWithoutBody(String route)
      throws Exception {
    String path = route.split(":")[0];
    String service = route.split(":")[1];
    HttpResponse<String> cached =
        http.send(
            authorized(gateway(path)).header("If-None-Match", CACHED_ETAG).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> stale =
        http.send(
            authorized(gateway(path)).header("If-None-Match", "W/\"6\"").GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(cached.statusCode()).isEqualTo(304);
    assertThat(cached.body()).isEmpty();
    assertThat(cached.headers().allValues("ETag")).containsExactly(CACHED_ETAG);
    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(stale.body()).isEqualTo("{\"service\":\"" + service + "\"}");
    assertThat(stale.headers().allValues("ETag")).containsExactly("W/\"" + service + "\"");
  }

  @Test
  void generatesRequestIdWhenAbsentAndForwardsItDownstream() throws Exception {
    HttpResponse<String> response =
        http.send(
            authorized(gateway("/api/v1/models")).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    String id = response.headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(id).matches("[0-9a-f-]{36}");
    assertThat(lastRequest.get("trainer")).isEqualTo("GET /api/v1/models [] id=" + id);
  }

  @Test
  void tellsServicesTheHostTheCallerUsed() throws Exception {
    http.send(
        authorized(gateway("/api/v1/critiques"))
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .header("Content-Type", "application/json")
            .build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(lastForwardedHost.get("critic")).isEqualTo("127.0.0.1:" + port);
  }

  @Test
  void forwardsAMultipartModelUploadOfThreeMegabytesToTheTrainerByteForByte() throws Exception {
    byte[] archive = new byte[3 * 1024 * 1024];
    new java.util.Random(7).nextBytes(archive);
    String boundary = "cogalign-test-boundary";
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\ntiny\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"tiny.tar\"\r\n"
                + "Content-Type: application/x-tar\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(archive);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> response =
        http.send(
            authorized(gateway("/api/v1/models"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(lastRequest.get("trainer")).startsWith("POST /api/v1/models ");
    assertThat(lastContentType.get("trainer"))
        .startsWith("multipart/form-data")
        .contains("boundary=" + boundary);
    assertThat(lastBody.get("trainer")).isEqualTo(body.toByteArray());
  }

  @Test
  void replacesImplausibleRequestIdWithGeneratedOne() throws Exception {
    HttpResponse<String> response =
        http.send(
            authorized(gateway("/api/v1/models"))
                .header("X-Request-Id", "has spaces and {braces}")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.headers().firstValue("X-Request-Id").orElseThrow())
        .matches("[0-9a-f-]{36}");
  }

  @Test
  void answersUnknownRouteWithProblemJson404() throws Exception {
    HttpResponse<String> response =
        http.send(
            authorized(gateway("/api/v1/nothing-here"))
                .header("X-Request-Id", "req-404")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(response.body())
        .contains("\"status\":404")
        .contains("\"detail\":\"No route for GET /api/v1/nothing-here\"")
        .contains("\"requestId\":\"req-404\"");
    assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-404");
  }

  @Test
  void answersUnsupportedMethodOnGatewayEndpointWithProblemJsonCarryingRequestId()
      throws Exception {
    HttpResponse<String> response =
        http.send(
            authorized(gateway("/actuator/health"))
                .header("X-Request-Id", "req-405")
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(response.body()).contains("\"requestId\":\"req-405\"");
  }

  @Test
  @Order(Integer.MAX_VALUE) // stops the verifier's stand-in: runs last
  void answersServiceThatIsDownWithProblemJson503() throws Exception {
    servers.get("verifier").stop(0);
    HttpResponse<String> response =
        http.send(
            authorized(gateway("/api/v1/verifications"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(response.body())
        .contains("\"status\":503")
        .contains("cannot be reached")
        .contains("\"requestId\":\"");
  }

  @Test
  void exposesHealthProbesAndPrometheusAndOpenApi() throws Exception {
    for (String path :
        List.of(
            "/actuator/health",
            "/actuator/health/liveness",
            "/actuator/health/readiness",
            "/actuator/prometheus",
            "/v3/api-docs",
            "/swagger-ui/index.html")) {
      HttpResponse<String> response =
          http.send(authorized(gateway(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(200);
    }
  }

  /** The query's parameters in a canonical order (the gateway may reorder them). */
  private static List<String> sortedQuery(String query) {
    return query == null ? List.of() : Arrays.stream(query.split("&")).sorted().toList();
  }

  /** A request carrying the admin key (open paths ignore it). */
  private static HttpRequest.Builder authorized(URI uri) {
    return HttpRequest.newBuilder(uri)
        .header(TestSecrets.AUTHORIZATION, TestSecrets.bearer(TestSecrets.ADMIN_KEY));
  }

  private URI gateway(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
