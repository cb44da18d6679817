package dev.cogalign.pipeline.support;

import dev.cogalign.agentllm.testing.ChatJson;
import dev.cogalign.agentllm.testing.RecordedRequest;
import dev.cogalign.agentllm.testing.ScriptedResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A model server that fails a seeded share of its calls: once {@link #arm() armed}, each call
 * answers 500 with probability {@code errorRate}, else answers correctly but only after {@code
 * slowDelay} with probability {@code slowRate}, else answers at once (through the wrapped model).
 * Unarmed, it answers every call at once and counts the calls the same way.
 *
 * <p>The draw is made per call, not per question: the {@code k}-th time the server sees one request
 * body (a model call and its retries send the same body) draws from a generator seeded by the seed,
 * the body and {@code k}, so a retry may succeed where its first attempt failed, and the same seed
 * injects the same faults into the same calls however the run's threads interleave. Every draw is
 * kept, so a test can tell which model calls ran out of attempts.
 */
public final class FlakyModel implements Function<RecordedRequest, ScriptedResponse> {
  /** What one call was made to do. */
  public enum Fault {
    NONE,
    ERROR,
    SLOW
  }

  private final Function<RecordedRequest, ScriptedResponse> model;
  private final long seed;
  private final double errorRate;
  private final double slowRate;
  private final Duration slowDelay;
  private final Map<String, List<Fault>> draws = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger errors = new AtomicInteger();
  private final AtomicInteger slow = new AtomicInteger();
  private volatile boolean armed;

  /**
   * @param model the model answering the calls that are not failed
   * @param seed seed of every draw
   * @param errorRate share of calls answering 500
   * @param slowRate share of calls answering after {@code slowDelay}
   */
  public FlakyModel(
      Function<RecordedRequest, ScriptedResponse> model,
      long seed,
      double errorRate,
      double slowRate,
      Duration slowDelay) {
    if (errorRate < 0 || slowRate < 0 || errorRate + slowRate > 1) {
      throw new IllegalArgumentException(
          "error rate " + errorRate + " and slow rate " + slowRate + " do not make a share");
    }
    this.model = model;
    this.seed = seed;
    this.errorRate = errorRate;
    this.slowRate = slowRate;
    this.slowDelay = slowDelay;
  }

  /** Starts injecting faults, forgetting the calls counted before. */
  public void arm() {
    draws.clear();
    calls.set(0);
    errors.set(0);
    slow.set(0);
    armed = true;
  }

  @Override
  public ScriptedResponse apply(RecordedRequest request) {
    String body = request.body();
    Fault[] drawn = new Fault[1];
    draws.compute(
        body,
        (key, earlier) -> {
          List<Fault> faults = earlier == null ? new ArrayList<>() : earlier;
          drawn[0] = armed ? draw(key, faults.size()) : Fault.NONE;
          faults.add(drawn[0]);
          return faults;
        });
    calls.incrementAndGet();
    return switch (drawn[0]) {
      case ERROR -> {
        errors.incrementAndGet();
        yield ScriptedResponse.error(500, "injected fault: the model server failed this call");
      }
      case SLOW -> {
        slow.incrementAndGet();
        yield model.apply(request).after(slowDelay);
      }
      case NONE -> model.apply(request);
    };
  }

  private Fault draw(String body, int occurrence) {
    double x =
        new SplittableRandom(seed ^ ((long) body.hashCode() << 20) ^ occurrence).nextDouble();
    if (x < errorRate) {
      return Fault.ERROR;
    }
    return x < errorRate + slowRate ? Fault.SLOW : Fault.NONE;
  }

  /** Calls received (since {@link #arm()} once armed), retries included. */
  public int calls() {
    return calls.get();
  }

  /** Calls answered 500. */
  public int errors() {
    return errors.get();
  }

  /** Calls answered after the slow delay. */
  public int slow() {
    return slow.get();
  }

  /** Distinct model calls: request bodies seen, each once however often it was retried. */
  public int modelCalls() {
    return draws.size();
  }

  /**
   * Calls that repeated a body already seen: the agents' retries, and any model call that CRV makes
   * again with the same prompt (a rethinker that gives the CoT back unchanged gets it verified and
   * critiqued again).
   */
  public int repeats() {
    return calls() - modelCalls();
  }

  /**
   * Repeats that followed an answer sent at once and correctly: CRV asking the same again, or an
   * agent's retry after a time-out of its own although no fault was injected (a machine too slow
   * for the time limit).
   */
  public int repeatsAfterPromptAnswers() {
    int count = 0;
    for (List<Fault> faults : draws.values()) {
      for (int k = 0; k + 1 < faults.size(); k++) {
        if (faults.get(k) == Fault.NONE) {
          count++;
        }
      }
    }
    return count;
  }

  /**
   * The user messages of the model calls that ran out of attempts: sent {@code attempts} times, the
   * last one failed or slowed (the agent makes another attempt only after a failed one).
   */
  public List<String> exhausted(int attempts) {
    List<String> users = new ArrayList<>();
    draws.forEach(
        (body, faults) -> {
          if (faults.size() >= attempts && faults.get(attempts - 1) != Fault.NONE) {
            users.add(ChatJson.lastMessage(body, "user"));
          }
        });
    return users;
  }

  /**
   * How many model calls had their first {@code attempts} calls all failed or slowed: those the
   * injected faults alone ran out of attempts (about {@code modelCalls() * (errorRate +
   * slowRate)^attempts}).
   */
  public int exhaustedByFaults(int attempts) {
    return (int)
        draws.values().stream()
            .filter(
                faults ->
                    faults.size() >= attempts
                        && faults.subList(0, attempts).stream().noneMatch(f -> f == Fault.NONE))
            .count();
  }
}
