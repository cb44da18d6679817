package dev.cogalign.agentllm;

import dev.cogalign.crv.agent.StepFinding;
import dev.cogalign.crv.agent.VerificationRequest;
import dev.cogalign.crv.agent.VerificationResponse;
import dev.cogalign.crv.agent.Verifier;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verifier on a model: the programmatic answer check (the CoT's final answer against the gold
 * answer, finding of step 0) combined with the model's judgement of every step at temperature 0.
 * Correct means the answer matches and every step holds.
 */
public final class LlmVerifier implements Verifier, AutoCloseable {
  public static final String AGENT = "verifier";
  public static final double TEMPERATURE = 0.0;

  private final Asker asker;
  private final String system = Prompts.load("verifier-system");
  private final String user = Prompts.load("verifier-user");

  public LlmVerifier(ResilientChat chat, int answerAttempts, Clock clock) {
    this.asker = new Asker(AGENT, chat, answerAttempts, clock);
  }

  /** A verifier on the settings' endpoint, JSON mode on when the settings allow it. */
  public static LlmVerifier create(LlmAgentSettings settings, Clock clock) {
    return create(settings, clock, ObservationRegistry.NOOP);
  }

  /** The same, its model calls observed on the registry (Spring AI's metrics and traces). */
  public static LlmVerifier create(
      LlmAgentSettings settings, Clock clock, ObservationRegistry observations) {
    return new LlmVerifier(
        ResilientChat.create(settings, TEMPERATURE, true, clock, observations),
        settings.answerAttempts(),
        clock);
  }

  @Override
  public VerificationResponse verify(VerificationRequest request) {
    Optional<String> extracted = AnswerCheck.extract(request.cot());
    String gold = request.goldAnswer().strip();
    boolean answerHolds = extracted.filter(a -> AnswerCheck.equivalent(a, gold)).isPresent();
    StepFinding answerFinding =
        new StepFinding(
            0,
            answerHolds,
            extracted
                .map(
                    a ->
                        answerHolds
                            ? "final answer " + a + " equals the gold answer " + gold
                            : "final answer " + a + " differs from the gold answer " + gold)
                .orElse("no final answer found; the gold answer is " + gold));
    String message =
        Prompts.render(
            user,
            Map.of(
                "question",
                request.question().strip(),
                "cot",
                Prompts.numberedSteps(request.cot())));
    Asker.Answer<List<StepFinding>> judged = asker.ask(system, message, StepJudgementParser::parse);
    List<StepFinding> findings = new ArrayList<>();
    findings.add(answerFinding);
    findings.addAll(judged.value());
    boolean stepsHold = judged.value().stream().allMatch(StepFinding::ok);
    return new VerificationResponse(
        answerHolds && stepsHold, extracted.orElse(null), findings, judged.call());
  }

  @Override
  public void close() {
    asker.close();
  }
}
