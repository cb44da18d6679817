package dev.cogalign.crv.rules;

import dev.cogalign.crv.agent.Critic;
import dev.cogalign.crv.agent.CritiqueRequest;
import dev.cogalign.crv.agent.CritiqueResponse;
import dev.cogalign.crv.agent.StepFinding;
import dev.cogalign.crv.agent.StudentProfile;
import dev.cogalign.crv.agent.Verdict;
import dev.cogalign.crv.cot.AnnotationCheck;
import dev.cogalign.crv.cot.Cot;
import dev.cogalign.crv.cot.CotParser;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Judges a calculator-annotated CoT against the {@link StudentProfile}:
 *
 * <ul>
 *   <li>{@code EASY} (too terse, extend it): a step does more operations than the student handles
 *       in one step, or the CoT has fewer steps than the profile's minimum — unless it is also
 *       longer than the maximum;
 *   <li>{@code HARD} (too long, simplify it): more steps than the profile's maximum, or at least
 *       {@link #DEFAULT_MAX_TRIVIAL_STEPS} + 1 trivial or restating steps;
 *   <li>{@code MEDIUM} otherwise.
 * </ul>
 *
 * Operands longer than the student's digits are reported (not ok) but do not move the verdict:
 * neither extending nor simplifying shortens a number.
 */
public final class RuleCritic implements Critic {
  /** Trivial or restating steps tolerated before a CoT counts as HARD. */
  public static final int DEFAULT_MAX_TRIVIAL_STEPS = 1;

  static final String AGENT = "critic";

  private final Clock clock;

  public RuleCritic() {
    this(Clock.systemUTC());
  }

  public RuleCritic(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public CritiqueResponse critique(CritiqueRequest request) {
    Instant started = clock.instant();
    StudentProfile profile = request.profile();
    Cot cot = CotParser.parse(request.cot());
    List<StepMetrics> metrics = StepMetrics.of(cot, request.question());
    List<StepFinding> reasons = new ArrayList<>();
    boolean dense = false;
    int trivial = 0;
    for (StepMetrics m : metrics) {
      List<String> problems = new ArrayList<>();
      if (m.operations() > profile.maxOperationsPerStep()) {
        dense = true;
        problems.add(
            m.operations()
                + " operations in "
                + expressions(m)
                + " (student handles "
                + profile.maxOperationsPerStep()
                + ")");
      }
      if (m.maxOperandDigits() > profile.maxOperandDigits()) {
        problems.add(
            "an operand of "
                + m.maxOperandDigits()
                + " digits in "
                + expressions(m)
                + " (student handles "
                + profile.maxOperandDigits()
                + ")");
      }
      if (m.restatement()) {
        trivial++;
        problems.add("only restates known numbers");
      } else if (m.trivial()) {
        trivial++;
        problems.add("computes nothing new (" + expressions(m) + ")");
      }
      if (m.checks().stream().anyMatch(c -> c.status() == AnnotationCheck.Status.UNREADABLE)) {
        problems.add("has an annotation that cannot be computed");
      }
      String message =
          problems.isEmpty()
              ? "step "
                  + m.number()
                  + ": fits ("
                  + m.operations()
                  + " operation"
                  + (m.operations() == 1 ? "" : "s")
                  + ")"
              : "step " + m.number() + ": " + String.join("; ", problems);
      reasons.add(new StepFinding(m.number(), problems.isEmpty(), message));
    }
    int steps = metrics.size();
    boolean terse = steps < profile.minSteps();
    boolean tooLong = steps > profile.maxSteps();
    boolean tooTrivial = trivial > DEFAULT_MAX_TRIVIAL_STEPS;
    Verdict verdict;
    String why;
    if ((dense || terse) && !tooLong) {
      verdict = Verdict.EASY;
      why =
          terse
              ? steps + " steps, fewer than the student's minimum of " + profile.minSteps()
              : "steps do more operations than the student handles in one step";
    } else if (tooLong || tooTrivial) {
      verdict = Verdict.HARD;
      why =
          tooLong
              ? steps + " steps, more than the student's maximum of " + profile.maxSteps()
              : trivial + " trivial or restating steps";
    } else {
      verdict = Verdict.MEDIUM;
      why = "fits the student";
    }
    reasons.add(
        0,
        new StepFinding(
            0,
            verdict == Verdict.MEDIUM,
            verdict
                + ": "
                + why
                + " ("
                + steps
                + " steps, band "
                + profile.minSteps()
                + "-"
                + profile.maxSteps()
                + ", "
                + trivial
                + " trivial)"));
    return new CritiqueResponse(verdict, reasons, RulesAgents.call(AGENT, clock, started));
  }

  private static String expressions(StepMetrics m) {
    return String.join(", ", m.checks().stream().map(c -> c.annotation().expression()).toList());
  }
}
