package dev.cogalign.pipeline.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cogalign.testsupport.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A real HTTP server standing in for trainer-service's model endpoints: {@code GET
 * /api/v1/models/{id}} knows one model, {@code POST /api/v1/models/{id}/score} scores every
 * non-blank line of the CoT with one token per character and 1.0 + 0.25 × its index nats per token;
 * while {@link #down} it answers 503 to scores, as a trainer-service that cannot serve.
 */
public final class ScoringServer implements AutoCloseable {
  private final HttpServer server;
  private final long modelId;
  private final AtomicInteger scores = new AtomicInteger();
  private volatile boolean down;

  public ScoringServer(long modelId) {
    this.modelId = modelId;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/api/v1/models/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Whether score requests are answered 503. */
  public ScoringServer down(boolean down) {
    this.down = down;
    return this;
  }

  /** Score requests received, answered or not. */
  public int scoreRequests() {
    return scores.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String known = "/api/v1/models/" + modelId;
      if (path.equals(known) && exchange.getRequestMethod().equals("GET")) {
        send(exchange, 200, Map.of("id", modelId));
      } else if (path.equals(known + "/score") && exchange.getRequestMethod().equals("POST")) {
        scores.incrementAndGet();
        JsonNode request = Http.JSON.readTree(exchange.getRequestBody());
        if (down) {
          send(exchange, 503, Map.of("title", "unavailable"));
        } else {
          send(exchange, 200, score(request.get("cot").asString()));
        }
      } else {
        send(exchange, 404, Map.of("title", "not found"));
      }
    }
  }

  private Map<String, Object> score(String cot) {
    List<Map<String, Object>> steps = new ArrayList<>();
    int tokens = 0;
    double total = 0;
    List<String> lines = cot.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (int i = 0; i < lines.size(); i++) {
      int n = lines.get(i).length();
      double perToken = 1.0 + 0.25 * i;
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("index", i);
      step.put("text", lines.get(i));
      step.put("tokens", n);
      step.put("nll", n * perToken);
      step.put("nllPerToken", perToken);
      steps.add(step);
      tokens += n;
      total += n * perToken;
    }
    return Map.of("modelId", modelId, "steps", steps, "tokens", tokens, "totalNll", total);
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = Http.JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
