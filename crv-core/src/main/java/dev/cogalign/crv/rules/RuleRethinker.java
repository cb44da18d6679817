package dev.cogalign.crv.rules;

import dev.cogalign.crv.agent.AgentException;
import dev.cogalign.crv.agent.RethinkRequest;
import dev.cogalign.crv.agent.RethinkResponse;
import dev.cogalign.crv.agent.Rethinker;
import dev.cogalign.crv.agent.RevisionOrigin;
import dev.cogalign.crv.agent.Verdict;
import dev.cogalign.crv.answer.AnswerEquivalence;
import dev.cogalign.crv.answer.AnswerExtractor;
import dev.cogalign.crv.cot.Annotation;
import dev.cogalign.crv.cot.AnnotationCheck;
import dev.cogalign.crv.cot.Cot;
import dev.cogalign.crv.cot.CotParser;
import dev.cogalign.crv.cot.CotRenderer;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Extends (verdict EASY) or simplifies (verdict HARD) a calculator-annotated CoT, see {@link
 * Extender} and {@link Simplifier}. The output is a GSM8K-style CoT whose new annotations hold
 * exactly and whose final answer is the input's; annotations that were wrong in the input are left
 * as they were (the verifier will reject them). Throws {@link AgentException} for a MEDIUM verdict
 * or when there is nothing to rewrite.
 */
public final class RuleRethinker implements Rethinker {
  static final String AGENT = "rethinker";

  private final Clock clock;

  public RuleRethinker() {
    this(Clock.systemUTC());
  }

  public RuleRethinker(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public RethinkResponse rethink(RethinkRequest request) {
    Instant started = clock.instant();
    if (request.verdict() == Verdict.MEDIUM) {
      throw new AgentException("verdict MEDIUM: the CoT fits the student, nothing to rethink");
    }
    Cot cot = CotParser.parse(request.cot());
    if (cot.steps().isEmpty()) {
      throw new AgentException("the CoT has no steps to rethink");
    }
    String answer = AnswerExtractor.extract(CotRenderer.render(cot)).orElse(null);
    Cot rewritten =
        request.verdict() == Verdict.EASY
            ? Extender.extend(cot, request.question(), request.profile(), answer)
            : Simplifier.simplify(cot, request.question(), request.profile());
    String text = CotRenderer.render(rewritten);
    check(cot, rewritten, text, answer);
    RevisionOrigin origin =
        request.verdict() == Verdict.EASY ? RevisionOrigin.EXTENDED : RevisionOrigin.SIMPLIFIED;
    return new RethinkResponse(text, origin, RulesAgents.call(AGENT, clock, started));
  }

  /** The rewrite must parse back to itself, keep the answer, and add no false annotation. */
  private static void check(Cot original, Cot rewritten, String text, String answer) {
    if (!CotParser.parse(text).equals(rewritten)) {
      throw new AgentException("the rewritten CoT does not parse back to itself");
    }
    Set<Annotation> wrongBefore = new HashSet<>();
    for (Annotation a : original.annotations()) {
      if (!a.check().holds()) {
        wrongBefore.add(a);
      }
    }
    for (Annotation a : rewritten.annotations()) {
      AnnotationCheck c = a.check();
      if (!c.holds() && !wrongBefore.contains(a)) {
        throw new AgentException("the rewrite introduced a false annotation: " + c.message());
      }
    }
    String kept = AnswerExtractor.extract(text).orElse(null);
    if (answer != null && !AnswerEquivalence.equivalent(answer, kept)) {
      throw new AgentException("the rewrite changed the answer from " + answer + " to " + kept);
    }
  }
}
