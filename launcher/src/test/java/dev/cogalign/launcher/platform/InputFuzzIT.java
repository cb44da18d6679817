package dev.cogalign.launcher.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A generated corpus of hostile requests (see {@link RequestCorpus}) over every operation the five
 * services and the gateway publish in their OpenAPI documents, sent through the gateway with the
 * admin key to the whole platform: no answer is a 5xx, every 4xx is {@code
 * application/problem+json} (also where the servlet container refuses a request before any Spring
 * code runs: a path or query holding {@code %00}, {@code %C3%28}, {@code %FF%FE}, {@code %2F}), and
 * the platform is healthy and works afterwards.
 */
class InputFuzzIT {
  private static final long SEED = 20261203L;
  private static final int CASES_PER_OPERATION = 24;
  private static final List<String> DOCUMENTS =
      List.of(
          "/api-docs/pipeline",
          "/api-docs/critic",
          "/api-docs/rethink",
          "/api-docs/verifier",
          "/api-docs/trainer",
          "/v3/api-docs");

  @TempDir static Path dataDirectory;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void noGeneratedRequestGetsA5xxAndEvery4xxIsProblemJson() throws Exception {
    try (Platform platform =
        Platform.start(
            new PlatformSettings(
                0,
                dataDirectory,
                null,
                0,
                Map.of(
                    "cogalign.agent.backend", "rules",
                    "cogalign.security.default-requests-per-second", "100000",
                    "cogalign.trainer.worker.enabled", "false")))) {
      URI gateway = platform.gatewayUrl();
      String key = platform.adminKey();
      long started = System.nanoTime();
      String dataset =
          json.readTree(
                  send(
                          gateway,
                          key,
                          new RequestCorpus.Case(
                              "POST",
                              "/api/v1/datasets",
                              "application/json",
                              "{\"name\":\"fuzz\"}".getBytes(StandardCharsets.UTF_8)))
                      .body())
              .get("id")
              .asString();
      List<String> ids = List.of(dataset);

      List<RequestCorpus.Operation> operations = new ArrayList<>();
      for (String document : DOCUMENTS) {
        HttpResponse<String> doc =
            send(gateway, key, new RequestCorpus.Case("GET", document, null, null));
        assertThat(doc.statusCode()).as(document).isEqualTo(200);
        operations.addAll(RequestCorpus.operations(json.readTree(doc.body())));
      }
      operations.removeIf(op -> !op.path().startsWith("/api/"));
      assertThat(operations).hasSizeGreaterThan(25);

      RequestCorpus corpus = new RequestCorpus(SEED);
      Map<Integer, Integer> statuses = new TreeMap<>();
      List<String> failures = new ArrayList<>();
      int count = 0;
      for (RequestCorpus.Operation operation : operations) {
        List<String> operationIds =
            operation.method().equals("DELETE") && operation.path().startsWith("/api/v1/admin/")
                ? List.of() // never revoke the admin key this test calls with
                : ids;
        for (RequestCorpus.Case c : corpus.cases(operation, CASES_PER_OPERATION, operationIds)) {
          if (c.method().equals("DELETE")
              && c.path().startsWith("/api/v1/admin/")
              && revokesAKey(c.path())) {
            continue;
          }
          HttpResponse<String> response = send(gateway, key, c);
          count++;
          statuses.merge(response.statusCode(), 1, Integer::sum);
          String type = response.headers().firstValue("Content-Type").orElse("");
          if (response.statusCode() >= 500) {
            failures.add(response.statusCode() + " " + c + " -> " + clip(response.body()));
          } else if (response.statusCode() >= 400 && !type.startsWith("application/problem+json")) {
            failures.add(
                response.statusCode()
                    + " not problem+json ("
                    + type
                    + ") "
                    + c
                    + " -> "
                    + clip(response.body()));
          }
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          "Input fuzz corpus: %d cases over %d operations in %.1f s (seed %d), statuses %s, %d"
              + " failures%n",
          count, operations.size(), seconds, SEED, statuses, failures.size());
      failures.stream()
          .sorted(java.util.Comparator.comparing((String f) -> !f.startsWith("5")))
          .limit(40)
          .forEach(f -> System.out.println("  " + f));

      assertThat(failures).isEmpty();
      assertThat(
              send(
                      gateway,
                      key,
                      new RequestCorpus.Case("GET", "/actuator/health/readiness", null, null))
                  .statusCode())
          .isEqualTo(200);
      HttpResponse<String> after =
          send(
              gateway,
              key,
              new RequestCorpus.Case(
                  "POST",
                  "/api/v1/datasets",
                  "application/json",
                  "{\"name\":\"after-fuzz\"}".getBytes(StandardCharsets.UTF_8)));
      assertThat(after.statusCode()).as(after.body()).isEqualTo(201);
      assertThat(
              send(gateway, key, new RequestCorpus.Case("GET", "/api/v1/models", null, null))
                  .statusCode())
          .isEqualTo(200);
    }
  }

  /** A DELETE of a key id that may exist (small numbers): the admin key must stay. */
  private static boolean revokesAKey(String path) {
    String last = path.substring(path.lastIndexOf('/') + 1);
    int query = last.indexOf('?');
    last = query >= 0 ? last.substring(0, query) : last;
    try {
      return Long.parseLong(last) < 1_000_000;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private HttpResponse<String> send(URI gateway, String key, RequestCorpus.Case c)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(gateway.toString().replaceAll("/$", "") + c.path()))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + key);
    if (c.contentType() != null && c.contentType().startsWith("multipart/")) {
      String boundary = "fuzz-boundary";
      String form =
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\na\u0000b\r\n--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../x.tar\"\r\n"
              + "Content-Type: application/x-tar\r\n\r\nnot a tar\r\n--"
              + boundary
              + "--\r\n";
      request
          .header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .method(c.method(), HttpRequest.BodyPublishers.ofString(form));
    } else if (c.body() != null) {
      request
          .header("Content-Type", c.contentType())
          .method(c.method(), HttpRequest.BodyPublishers.ofByteArray(c.body()));
    } else {
      request.method(c.method(), HttpRequest.BodyPublishers.noBody());
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String clip(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }
}
