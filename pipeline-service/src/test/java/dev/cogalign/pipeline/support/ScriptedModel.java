package dev.cogalign.pipeline.support;

import dev.cogalign.agentllm.testing.ChatJson;
import dev.cogalign.agentllm.testing.RecordedRequest;
import dev.cogalign.agentllm.testing.ScriptedResponse;
import dev.cogalign.crv.agent.AgentException;
import dev.cogalign.crv.agent.CritiqueRequest;
import dev.cogalign.crv.agent.CritiqueResponse;
import dev.cogalign.crv.agent.RethinkRequest;
import dev.cogalign.crv.agent.Verdict;
import dev.cogalign.crv.cot.Annotation;
import dev.cogalign.crv.rules.RuleCritic;
import dev.cogalign.crv.rules.RuleRethinker;
import dev.cogalign.testsupport.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "model" behind agent-llm's scripted chat-completions server in pipeline tests: it reads the
 * agents' real prompts and answers as a model would, working its answers out with crv-core's rules
 * (the critic's verdict as JSON, the rewritten CoT as text, the verifier's per-step judgement as
 * JSON). Faults: the first call of all answers 429; every call about a question containing {@link
 * #FAILING} answers 500, so the agents' retries give up on it.
 */
public final class ScriptedModel implements Function<RecordedRequest, ScriptedResponse> {
  /** Questions containing this fail at the model server on every call. */
  public static final String FAILING = "Natalia sold clips";

  private static final Pattern NUMBERED = Pattern.compile("^\\[(\\d+)]\\s*(.*)$");
  private static final String COT = "Chain of thought:\n";
  private static final String COT_TO_REWRITE = "Chain of thought to rewrite:\n";
  private static final String PROBLEM = "Problem:\n";

  private final RuleCritic critic = new RuleCritic();
  private final RuleRethinker rethinker = new RuleRethinker();
  private final AtomicBoolean throttled = new AtomicBoolean();
  private final AtomicInteger errors = new AtomicInteger();
  private final boolean faults;
  private final Duration latency;

  /** A model with the faults above and no added latency. */
  public ScriptedModel() {
    this(true, Duration.ZERO);
  }

  /**
   * @param faults whether the first call answers 429 and {@link #FAILING} questions 500
   * @param latency how long every answer takes
   */
  public ScriptedModel(boolean faults, Duration latency) {
    this.faults = faults;
    this.latency = latency;
  }

  public int errors() {
    return errors.get();
  }

  @Override
  public ScriptedResponse apply(RecordedRequest request) {
    ScriptedResponse response = answer(request);
    return latency.isZero() ? response : response.after(latency);
  }

  private ScriptedResponse answer(RecordedRequest request) {
    String system = ChatJson.lastMessage(request.body(), "system");
    String user = ChatJson.lastMessage(request.body(), "user");
    if (faults && throttled.compareAndSet(false, true)) {
      errors.incrementAndGet();
      return ScriptedResponse.error(429, "slow down").withHeader("Retry-After", "0");
    }
    if (faults && user.contains(FAILING)) {
      errors.incrementAndGet();
      return ScriptedResponse.error(500, "the model server is down for this one");
    }
    if (system.startsWith("You are the critic")) {
      return ScriptedResponse.chat(critique(user));
    }
    if (system.startsWith("You are the rethinker")) {
      Verdict verdict = system.contains("EXTENDING") ? Verdict.EASY : Verdict.HARD;
      return ScriptedResponse.chat(rethink(user, verdict));
    }
    if (system.startsWith("You are the verifier")) {
      return ScriptedResponse.chat(judgeSteps(user));
    }
    errors.incrementAndGet();
    return ScriptedResponse.error(400, "unknown agent prompt");
  }

  private String critique(String user) {
    CritiqueResponse verdict =
        critic.critique(new CritiqueRequest(question(user), after(user, COT), null));
    List<Map<String, Object>> reasons = new ArrayList<>();
    verdict.reasons().forEach(r -> reasons.add(Map.of("step", r.step(), "message", r.message())));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("verdict", verdict.verdict().name());
    answer.put("reasons", reasons);
    return Http.JSON.writeValueAsString(answer);
  }

  /** The rewrite, or the CoT unchanged where there is nothing to rewrite (as a model might). */
  private String rethink(String user, Verdict verdict) {
    String cot = after(user, COT_TO_REWRITE);
    try {
      return rethinker.rethink(new RethinkRequest(question(user), cot, verdict, null)).cot();
    } catch (AgentException e) {
      return cot;
    }
  }

  private static String judgeSteps(String user) {
    List<Map<String, Object>> steps = new ArrayList<>();
    for (String line : after(user, COT).split("\\R")) {
      Matcher m = NUMBERED.matcher(line.strip());
      if (!m.matches()) {
        continue;
      }
      boolean ok = Annotation.findIn(m.group(2)).stream().allMatch(a -> a.check().holds());
      steps.add(
          Map.of(
              "step",
              Integer.parseInt(m.group(1)),
              "ok",
              ok,
              "message",
              ok ? "the arithmetic holds" : "an annotation does not hold"));
    }
    return Http.JSON.writeValueAsString(Map.of("steps", steps));
  }

  private static String question(String user) {
    int start = user.indexOf(PROBLEM) + PROBLEM.length();
    int end = user.indexOf("\n\nChain of thought", start);
    return user.substring(start, end < 0 ? user.length() : end).strip();
  }

  private static String after(String user, String marker) {
    int at = user.indexOf(marker);
    return at < 0 ? "" : user.substring(at + marker.length()).strip();
  }
}
