package dev.cogalign.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests against a service's real port. */
public final class Http {
  public static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;
  private final Map<String, String> headers;

  /** Calls {@code http://localhost:port}. */
  public Http(int port) {
    this("http://localhost:" + port);
  }

  /** Calls the server at {@code base} (scheme, host and port, no trailing slash). */
  public Http(String base) {
    this(base, Map.of());
  }

  private Http(String base, Map<String, String> headers) {
    this.base = base;
    this.headers = Map.copyOf(headers);
  }

  /** The same client sending {@code name: value} with every request as well. */
  public Http withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Http(base, more);
  }

  /** The same client sending {@code Authorization: Bearer <key>} with every request. */
  public Http withKey(String key) {
    return withHeader(TestSecrets.AUTHORIZATION, TestSecrets.bearer(key));
  }

  /** A response: status, content type, body and every header. */
  public record Response(int status, String contentType, String body, HttpHeaders headers) {
    public JsonNode json() {
      return JSON.readTree(body);
    }
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Response post(String path, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  public Response postJson(String path, Object body) {
    return post(path, "application/json", JSON.writeValueAsString(body));
  }

  private Response send(HttpRequest.Builder request) {
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body(),
          response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
