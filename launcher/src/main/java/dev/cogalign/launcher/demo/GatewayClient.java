package dev.cogalign.launcher.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP client of the platform's gateway only, with an API key. The first time it uses a route it
 * prints the matching {@code curl} command (the key read from its file, never printed), so that a
 * user can repeat every step by hand.
 */
public final class GatewayClient {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final URI gateway;
  private final String authorization;
  private final String curlAuthorization;
  private final PrintWriter out;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();
  private final Set<String> shown = new HashSet<>();

  /**
   * @param key the API key every request carries
   * @param keyFile the file holding {@code key}, which the printed {@code curl} commands read
   */
  public GatewayClient(URI gateway, String key, Path keyFile, PrintWriter out) {
    this.gateway = gateway;
    this.authorization = "Bearer " + key;
    this.curlAuthorization =
        "-H \"Authorization: Bearer $(cat " + keyFile.toAbsolutePath().normalize() + ")\"";
    this.out = out;
  }

  public URI url(String path) {
    return gateway.resolve(path);
  }

  public JsonMapper json() {
    return json;
  }

  /** GET, expecting 200 and a JSON body. */
  public JsonNode get(String path) {
    show("GET " + path, "curl -s " + curlAuthorization + " " + url(path));
    return parse(path, send(HttpRequest.newBuilder(url(path)).GET(), path, 200));
  }

  /** POST a JSON body, expecting {@code expectedStatus} and a JSON answer. */
  public JsonNode postJson(String path, Object body, int expectedStatus) {
    String text = json.writeValueAsString(body);
    show(
        "POST " + path,
        "curl -s -X POST "
            + url(path)
            + " "
            + curlAuthorization
            + " -H 'Content-Type: application/json' -d '"
            + text.replace("'", "'\\''")
            + "'");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(text));
    return parse(path, send(request, path, expectedStatus));
  }

  /** POST a JSONL file ({@code application/x-ndjson}), expecting 200 and a JSON answer. */
  public JsonNode postJsonLines(String path, Path file) {
    show(
        "POST " + path,
        "curl -s -X POST "
            + url(path)
            + " "
            + curlAuthorization
            + " -H 'Content-Type: application/x-ndjson' --data-binary @"
            + file);
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(url(path))
              .header("Content-Type", "application/x-ndjson")
              .POST(HttpRequest.BodyPublishers.ofFile(file));
      return parse(path, send(request, path, 200));
    } catch (IOException e) {
      throw new DemoException("cannot read " + file, e);
    }
  }

  /** GET a streamed export into {@code file}, expecting 200. */
  public Path download(String path, Path file) {
    show("GET " + path, "curl -s " + curlAuthorization + " " + url(path) + " > " + file);
    HttpResponse<Path> response =
        exchange(
            HttpRequest.newBuilder(url(path)).GET(), path, HttpResponse.BodyHandlers.ofFile(file));
    if (response.statusCode() != 200) {
      throw new DemoException("GET " + url(path) + " answered " + response.statusCode());
    }
    return file;
  }

  private void show(String route, String curl) {
    String key = route.replaceAll("\\d+", "{id}");
    if (shown.add(key)) {
      out.println("  $ " + curl);
      out.flush();
    }
  }

  private String send(HttpRequest.Builder request, String path, int expectedStatus) {
    HttpResponse<String> response = exchange(request, path, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expectedStatus) {
      throw new DemoException(
          request.build().method()
              + " "
              + url(path)
              + " answered "
              + response.statusCode()
              + " (expected "
              + expectedStatus
              + "): "
              + response.body());
    }
    return response.body();
  }

  private <T> HttpResponse<T> exchange(
      HttpRequest.Builder request, String path, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(
          request.header("Authorization", authorization).timeout(TIMEOUT).build(), handler);
    } catch (IOException e) {
      throw new DemoException("cannot reach " + url(path), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("interrupted while calling " + url(path), e);
    }
  }

  private JsonNode parse(String path, String body) {
    try {
      return json.readTree(body);
    } catch (RuntimeException e) {
      throw new DemoException("the answer of " + url(path) + " is not JSON: " + body, e);
    }
  }
}
