package dev.cogalign.pipeline.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cogalign.crv.agent.AgentCall;
import dev.cogalign.crv.agent.CritiqueRequest;
import dev.cogalign.crv.agent.CritiqueResponse;
import dev.cogalign.crv.agent.RethinkRequest;
import dev.cogalign.crv.agent.RethinkResponse;
import dev.cogalign.crv.agent.RevisionOrigin;
import dev.cogalign.crv.agent.StepFinding;
import dev.cogalign.crv.agent.Verdict;
import dev.cogalign.crv.agent.VerificationRequest;
import dev.cogalign.crv.agent.VerificationResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server speaking the three agent endpoints with small, deterministic rules that
 * compute their answers (critic: operations per step and step count against the profile; rethinker:
 * extend by spelling out each result, simplify by merging steps; verifier: recompute every {@code
 * <<expr=value>>} and compare the final answer). Faults are injected on request: a rewrite with a
 * wrong final answer for the first N rethinks of each question, and 500s for questions containing a
 * marker.
 */
public final class RuleAgentServer implements AutoCloseable {
  private static final Pattern ANNOTATION = Pattern.compile("<<([^=<>]+)=([^<>]+)>>");
  private static final String MARKER = "####";

  private final HttpServer server;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> rethinksPerQuestion = new ConcurrentHashMap<>();
  private volatile int wrongRewrites;
  private volatile Predicate<String> wrongFor = q -> true;
  private volatile CountDownLatch hold = new CountDownLatch(0);
  private volatile String failingMarker = "\u0000never";

  public RuleAgentServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(8));
    route("/api/v1/critiques", CritiqueRequest.class, this::critique);
    route("/api/v1/rethinks", RethinkRequest.class, this::rethink);
    route("/api/v1/verifications", VerificationRequest.class, this::verify);
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
              respond(exchange, 500, "{\"title\":\"scripted failure\"}");
              return;
            }
            T request = Http.JSON.readValue(body, type);
            respond(exchange, 200, Http.JSON.writeValueAsString(handler.apply(request)));
          } catch (RuntimeException e) {
            respond(exchange, 500, "{\"detail\":\"" + e.getClass().getSimpleName() + "\"}");
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

  private static AgentCall call(String agent) {
    return new AgentCall(agent, "rules", "test-rules-1", 0, null, null, null);
  }

  private static List<String> steps(String cot) {
    return cot.lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith(MARKER))
        .toList();
  }

  private static String answer(String cot) {
    int marker = cot.lastIndexOf(MARKER);
    return marker < 0 ? null : cot.substring(marker + MARKER.length()).strip();
  }

  private CritiqueResponse critique(CritiqueRequest request) {
    List<String> steps = steps(request.cot());
    List<StepFinding> reasons = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Matcher m = ANNOTATION.matcher(steps.get(i));
      while (m.find()) {
        int ops = Arithmetic.operations(m.group(1));
        if (ops > request.profile().maxOperationsPerStep()) {
          reasons.add(new StepFinding(i + 1, false, ops + " operations in " + m.group(1)));
        }
      }
    }
    Verdict verdict;
    if (!reasons.isEmpty() || steps.size() < request.profile().minSteps()) {
      verdict = Verdict.EASY;
    } else if (steps.size() > request.profile().maxSteps()) {
      verdict = Verdict.HARD;
      reasons.add(new StepFinding(0, false, steps.size() + " steps"));
    } else {
      verdict = Verdict.MEDIUM;
    }
    return new CritiqueResponse(verdict, reasons, call("critic"));
  }

  private RethinkResponse rethink(RethinkRequest request) {
    List<String> steps = steps(request.cot());
    List<String> out = new ArrayList<>();
    RevisionOrigin origin;
    if (request.verdict() == Verdict.HARD) {
      origin = RevisionOrigin.SIMPLIFIED;
      for (int i = 0; i < steps.size(); i += 2) {
        out.add(i + 1 < steps.size() ? steps.get(i) + " " + steps.get(i + 1) : steps.get(i));
      }
    } else {
      origin = RevisionOrigin.EXTENDED;
      for (String step : steps) {
        out.add(step);
        Matcher m = ANNOTATION.matcher(step);
        while (m.find()) {
          out.add("So " + m.group(1) + " gives " + m.group(2) + ".");
        }
      }
    }
    String answer = answer(request.cot());
    int seen =
        rethinksPerQuestion
            .computeIfAbsent(request.question(), q -> new AtomicInteger())
            .incrementAndGet();
    if (answer != null && seen <= wrongRewrites && wrongFor.test(request.question())) {
      answer = Arithmetic.number(answer).add(BigDecimal.ONE).toPlainString();
    }
    String cot = String.join("\n", out) + (answer == null ? "" : "\n" + MARKER + " " + answer);
    return new RethinkResponse(cot, origin, call("rethinker"));
  }

  private VerificationResponse verify(VerificationRequest request) {
    List<StepFinding> findings = new ArrayList<>();
    List<String> steps = steps(request.cot());
    boolean stepsHold = true;
    for (int i = 0; i < steps.size(); i++) {
      Matcher m = ANNOTATION.matcher(steps.get(i));
      while (m.find()) {
        boolean ok;
        try {
          ok = Arithmetic.evaluate(m.group(1)).compareTo(Arithmetic.number(m.group(2))) == 0;
        } catch (RuntimeException e) {
          ok = false;
        }
        stepsHold &= ok;
        findings.add(new StepFinding(i + 1, ok, m.group(1) + "=" + m.group(2)));
      }
    }
    String extracted = answer(request.cot());
    boolean answerOk = extracted != null && Arithmetic.same(extracted, request.goldAnswer());
    findings.add(new StepFinding(0, answerOk, "final answer " + extracted));
    return new VerificationResponse(stepsHold && answerOk, extracted, findings, call("verifier"));
  }
}
