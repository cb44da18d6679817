package dev.cogalign.pipeline.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cogalign.crv.agent.AgentCall;
import dev.cogalign.crv.agent.CritiqueRequest;
import dev.cogalign.crv.agent.RethinkRequest;
import dev.cogalign.crv.agent.RethinkResponse;
import dev.cogalign.crv.agent.RevisionOrigin;
import dev.cogalign.crv.agent.VerificationRequest;
import dev.cogalign.crv.rules.CotPerturber;
import dev.cogalign.crv.rules.RuleCritic;
import dev.cogalign.crv.rules.RuleRethinker;
import dev.cogalign.crv.rules.RuleVerifier;
import dev.cogalign.testsupport.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A real HTTP server speaking the three agent endpoints with small, deterministic rules that
 * compute their answers (critic: operations per step and step count against the profile; rethinker:
 * extend by spelling out each result, simplify by merging steps; verifier: recompute every {@code
 * <<expr=value>>} and compare the final answer). Faults are injected on request: a rewrite with a
 * wrong final answer for the first N rethinks of each question, 500s for questions containing a
 * marker, and scripted rewrites for given questions.
 */
public final class RuleAgentServer implements AutoCloseable {
  private final RuleCritic critic = new RuleCritic();
  private final RuleRethinker rethinker = new RuleRethinker();
  private final RuleVerifier verifier = new RuleVerifier();
  private final HttpServer server;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final AtomicInteger errors = new AtomicInteger();
  private final Map<String, AtomicInteger> rethinksPerQuestion = new ConcurrentHashMap<>();
  private volatile int wrongRewrites;
  private volatile Predicate<String> wrongFor = q -> true;
  private volatile CountDownLatch hold = new CountDownLatch(0);
  private volatile String failingMarker = "\u0000never";
  private final Map<String, String> scriptedRewrites = new ConcurrentHashMap<>();

  public RuleAgentServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(8));
    route("/api/v1/critiques", CritiqueRequest.class, critic::critique);
    route("/api/v1/rethinks", RethinkRequest.class, this::rethink);
    route("/api/v1/verifications", VerificationRequest.class, verifier::verify);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The first {@code count} rewrites of each matching question end with a wrong answer. */
  public RuleAgentServer wrongRewrites(int count, Predicate<String> questions) {
    this.wrongRewrites = count;
    this.wrongFor = questions;
    return this;
  }

  /**
   * Rethinks of this question answer with this CoT (as an LLM rethinker might repair a wrong
   * original), origin EXTENDED.
   */
  public RuleAgentServer scriptRewrite(String question, String cot) {
    scriptedRewrites.put(question, cot);
    return this;
  }

  /** Requests wait until {@link #release()}. */
  public RuleAgentServer hold() {
    this.hold = new CountDownLatch(1);
    return this;
  }

  public void release() {
    hold.countDown();
  }

  /** Every agent answers 500 for questions containing this text. */
  public RuleAgentServer failFor(String marker) {
    this.failingMarker = marker;
    return this;
  }

  public int calls(String path) {
    return calls.computeIfAbsent(path, p -> new AtomicInteger()).get();
  }

  /** Requests answered with an error status. */
  public int errors() {
    return errors.get();
  }

  public int totalCalls() {
    return calls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private <T> void route(String path, Class<T> type, Function<T, Object> handler) {
    server.createContext(
        path,
        exchange -> {
          calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
          try {
            hold.await(30, TimeUnit.SECONDS);
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (body.contains(failingMarker)) {
              errors.incrementAndGet();
              respond(exchange, 500, "{\"title\":\"scripted failure\"}");
              return;
            }
            T request = Http.JSON.readValue(body, type);
            respond(exchange, 200, Http.JSON.writeValueAsString(handler.apply(request)));
          } catch (RuntimeException e) {
            String detail =
                Http.JSON.writeValueAsString(
                    java.util.Map.of("detail", String.valueOf(e.getMessage())));
            errors.incrementAndGet();
            respond(exchange, 500, detail);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            exchange.close();
          }
        });
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private RethinkResponse rethink(RethinkRequest request) {
    String scripted = scriptedRewrites.get(request.question());
    if (scripted != null) {
      return new RethinkResponse(
          scripted,
          RevisionOrigin.EXTENDED,
          new AgentCall("rethinker", "rules", "scripted", 0, null, null, null));
    }
    RethinkResponse rewrite = rethinker.rethink(request);
    int seen =
        rethinksPerQuestion
            .computeIfAbsent(request.question(), q -> new AtomicInteger())
            .incrementAndGet();
    if (seen <= wrongRewrites && wrongFor.test(request.question())) {
      String wrong = CotPerturber.perturb(rewrite.cot(), seen);
      return new RethinkResponse(wrong, rewrite.origin(), rewrite.call());
    }
    return rewrite;
  }
}
