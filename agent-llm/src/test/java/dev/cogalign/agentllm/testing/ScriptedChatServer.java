package dev.cogalign.agentllm.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP server on a loopback port that stands in for a model server: it answers every POST
 * with the next scripted response (or, when the script is empty, with the fallback), and records
 * what it received. It speaks whatever the script says, so one server serves both the
 * chat-completions protocol ({@link #openAiBaseUrl()}) and Ollama's native API ({@link
 * #ollamaBaseUrl()}).
 */
public final class ScriptedChatServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ConcurrentLinkedQueue<ScriptedResponse> script = new ConcurrentLinkedQueue<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile Function<RecordedRequest, ScriptedResponse> fallback =
      request -> ScriptedResponse.error(500, "no scripted answer left");

  private ScriptedChatServer(HttpServer server) {
    this.server = server;
  }

  /** Starts a server on a free loopback port. */
  public static ScriptedChatServer start() {
    // answer as a real model server does, with TCP_NODELAY: the JDK server's default (off) holds
    // a response's body until its headers are acknowledged, which the client's delayed ACK can
    // stall ~40 ms, a latency no model server adds (read once, when the JDK's first server starts)
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ScriptedChatServer scripted = new ScriptedChatServer(http);
      http.createContext("/", scripted::handle);
      http.setExecutor(scripted.executor);
      http.start();
      return scripted;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the scripted chat server", e);
    }
  }

  /** The base URL of the chat-completions protocol, ending in {@code /v1}. */
  public String openAiBaseUrl() {
    return ollamaBaseUrl() + "/v1";
  }

  /** The server root, for Ollama's native API. */
  public String ollamaBaseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Appends answers to the script, answered in order. */
  public ScriptedChatServer enqueue(ScriptedResponse... responses) {
    script.addAll(List.of(responses));
    return this;
  }

  /** What to answer once the script is empty (default: 500). */
  public ScriptedChatServer otherwise(Function<RecordedRequest, ScriptedResponse> answer) {
    this.fallback = answer;
    return this;
  }

  /** Forgets the script, the fallback and the requests received (between tests). */
  public ScriptedChatServer reset() {
    script.clear();
    requests.clear();
    fallback = request -> ScriptedResponse.error(500, "no scripted answer left");
    return this;
  }

  /** Every request received so far, in order. */
  public List<RecordedRequest> requests() {
    return new ArrayList<>(requests);
  }

  public int requestCount() {
    return requests.size();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long received = System.nanoTime();
    try (exchange) {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      RecordedRequest request =
          new RecordedRequest(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              Map.copyOf(exchange.getRequestHeaders()),
              body);
      requests.add(request);
      ScriptedResponse next = script.poll();
      ScriptedResponse response = next != null ? next : fallback.apply(request);
      if (response.hold()) {
        closing.await();
        return;
      }
      // the delay counts from the request's arrival, as a model's latency does: working out the
      // scripted answer is part of it, not added to it
      long wait = response.delay().toNanos() - (System.nanoTime() - received);
      if (wait > 0) {
        closing.await(wait, TimeUnit.NANOSECONDS);
      }
      byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException clientGone) {
      // the client gave up (a time-out): nothing to answer
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
