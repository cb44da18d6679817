package dev.cogalign.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cogalign.gateway.GatewayApplication;
import dev.cogalign.gateway.TestProperties;
import dev.cogalign.testsupport.TestSecrets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's connections to a service, seen from a real HTTP server standing in for it: proxied
 * calls reuse kept-alive connections instead of opening one each, as many calls as callers make at
 * once reach the service at once (no pool of five in front of it), and a service slower than the
 * read timeout is a 504 problem.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=" + GatewayApplication.CONFIG_NAME,
      TestProperties.SECRETS_ADMIN_KEY,
      TestProperties.SECRETS_INTERNAL_TOKEN,
      "cogalign.security.default-requests-per-second=100000",
      "spring.http.clients.read-timeout=1s"
    })
class ProxyConnectionsIT {

  private static final int CALLERS = 16;

  private static final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger requests = new AtomicInteger();
  private static volatile CountDownLatch together = new CountDownLatch(0);
  private static HttpServer pipeline;

  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) throws IOException {
    TestProperties.database(registry);
    pipeline = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    pipeline.setExecutor(Executors.newCachedThreadPool());
    pipeline.createContext(
        "/",
        exchange -> {
          clientPorts.add(exchange.getRemoteAddress().getPort());
          requests.incrementAndGet();
          String path = exchange.getRequestURI().getPath();
          try {
            if (path.endsWith("/together")) {
              together.countDown();
              together.await(10, TimeUnit.SECONDS);
            } else if (path.endsWith("/slow")) {
              Thread.sleep(3_000);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body =
              ("{\"arrivedTogether\":" + (together.getCount() == 0) + "}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length); // HTTP/1.1 keep-alive
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    pipeline.start();
    String url = "http://127.0.0.1:" + pipeline.getAddress().getPort();
    for (String service : List.of("pipeline", "critic", "rethink", "verifier", "trainer")) {
      registry.add("cogalign.gateway." + service + "-uri", () -> url);
    }
  }

  @AfterAll
  static void stop() {
    pipeline.stop(0);
  }

  @Test
  void reusesKeptAliveConnectionsForSuccessiveCalls() throws Exception {
    clientPorts.clear();
    requests.set(0);

    List<Integer> statuses = callConcurrently("/api/v1/runs/1", CALLERS, 10);

    assertThat(statuses).hasSize(CALLERS * 10).containsOnly(200);
    assertThat(requests.get()).isEqualTo(CALLERS * 10);
    // one connection per concurrent caller at most, not one per call
    assertThat(clientPorts).hasSizeLessThanOrEqualTo(CALLERS);
  }

  @Test
  void letsSixteenCallsReachTheServiceAtOnce() throws Exception {
    together = new CountDownLatch(CALLERS);

    List<Integer> statuses = callConcurrently("/api/v1/runs/together", CALLERS, 1);

    assertThat(statuses).containsOnly(200);
    assertThat(together.getCount()).as("callers still waiting for the others").isZero();
  }

  @Test
  void answersAServiceSlowerThanTheReadTimeoutWithProblemJson504() throws Exception {
    HttpResponse<String> response = get("/api/v1/runs/slow");

    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(response.body()).contains("did not answer in time").contains("\"requestId\":\"");
  }

  private List<Integer> callConcurrently(String path, int callers, int callsEach) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (int caller = 0; caller < callers; caller++) {
        results.add(
            pool.submit(
                () -> {
                  List<Integer> statuses = new ArrayList<>();
                  for (int call = 0; call < callsEach; call++) {
                    statuses.add(get(path).statusCode());
                  }
                  return statuses;
                }));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<List<Integer>> result : results) {
        statuses.addAll(result.get(60, TimeUnit.SECONDS));
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header(TestSecrets.AUTHORIZATION, TestSecrets.bearer(TestSecrets.ADMIN_KEY))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
