package dev.cogalign.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP server standing in for every service behind the gateway: answers 200 {@code
 * {"ok":true}} and keeps the headers of the last request it received.
 */
public final class StandInService implements AutoCloseable {

  private final HttpServer server;
  private final AtomicReference<Map<String, List<String>>> lastHeaders = new AtomicReference<>();

  public StandInService() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          lastHeaders.set(Map.copyOf(exchange.getRequestHeaders()));
          byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The last request's value of {@code header} (case-insensitive), or {@code null}. */
  public String lastHeader(String header) {
    Map<String, List<String>> headers = lastHeaders.get();
    if (headers == null) {
      return null;
    }
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(header))
        .map(e -> String.join(",", e.getValue()))
        .findFirst()
        .orElse(null);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
