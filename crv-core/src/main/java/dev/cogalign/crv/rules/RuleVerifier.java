package dev.cogalign.crv.rules;

import dev.cogalign.crv.agent.StepFinding;
import dev.cogalign.crv.agent.VerificationRequest;
import dev.cogalign.crv.agent.VerificationResponse;
import dev.cogalign.crv.agent.Verifier;
import dev.cogalign.crv.answer.AnswerEquivalence;
import dev.cogalign.crv.answer.AnswerExtractor;
import dev.cogalign.crv.cot.AnnotationCheck;
import dev.cogalign.crv.cot.Cot;
import dev.cogalign.crv.cot.CotParser;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies a CoT: recomputes every {@code <<expr=value>>} exactly (one finding per annotation,
 * numbered by step), extracts the final answer ({@link AnswerExtractor}) and compares it with the
 * gold answer ({@link AnswerEquivalence}). Correct means the answer is equivalent and every
 * annotation holds (a value correctly rounded to the decimals written counts as holding). The
 * answer's finding is step 0.
 */
public final class RuleVerifier implements Verifier {
  static final String AGENT = "verifier";

  private final Clock clock;

  public RuleVerifier() {
    this(Clock.systemUTC());
  }

  public RuleVerifier(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public VerificationResponse verify(VerificationRequest request) {
    Instant started = clock.instant();
    Cot cot = CotParser.parse(request.cot());
    List<StepFinding> findings = new ArrayList<>();
    String extracted = AnswerExtractor.extract(request.cot()).map(String::strip).orElse(null);
    boolean answerOk =
        extracted != null && AnswerEquivalence.equivalent(extracted, request.goldAnswer());
    findings.add(
        new StepFinding(
            0,
            answerOk,
            extracted == null
                ? "no final answer found (gold " + request.goldAnswer() + ")"
                : "answer "
                    + extracted
                    + (answerOk ? " equals" : " differs from")
                    + " gold "
                    + request.goldAnswer()));
    boolean allHold = true;
    for (int i = 0; i < cot.steps().size(); i++) {
      for (var annotation : cot.steps().get(i).annotations()) {
        AnnotationCheck check = annotation.check();
        allHold &= check.holds();
        findings.add(
            new StepFinding(i + 1, check.holds(), "step " + (i + 1) + ": " + check.message()));
      }
    }
    return new VerificationResponse(
        answerOk && allHold, extracted, findings, RulesAgents.call(AGENT, clock, started));
  }
}
