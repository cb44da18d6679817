package dev.cogalign.pipeline.student;

import dev.cogalign.crv.agent.StepFinding;
import dev.cogalign.crv.agent.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges a CoT by the student's own per-step NLL against thresholds calibrated on the student
 * ({@link StudentThresholds}):
 *
 * <ul>
 *   <li>{@code HARD} (too long): more steps than the student's comfortable range;
 *   <li>{@code EASY} (too terse, extend it): otherwise, some step's NLL per token is above the jump
 *       threshold: the student cannot follow that step from the ones before it;
 *   <li>{@code HARD} (convoluted): otherwise, at least {@link #MIN_TRIVIAL_STEPS} steps tell the
 *       student nothing new (NLL per token at most the trivial threshold) and they hold more of the
 *       CoT's tokens than the calibrated share;
 *   <li>{@code MEDIUM} otherwise.
 * </ul>
 *
 * The reasons are the verdict (step 0) and one finding per scored line with its NLL, tokens and NLL
 * per token; a jump or a trivial step is not ok. Pure: the same scores give the same critique.
 */
public final class StudentVerdictRule {
  /** Fewer trivial steps than this never make a CoT HARD, whatever their share. */
  public static final int MIN_TRIVIAL_STEPS = 2;

  private StudentVerdictRule() {}

  /** The verdict and its reasons. */
  public record Judgement(Verdict verdict, List<StepFinding> reasons) {
    public Judgement {
      reasons = List.copyOf(reasons);
    }
  }

  public static Judgement judge(CotScore score, StudentThresholds t) {
    List<StepFinding> reasons = new ArrayList<>();
    CotScore.Step worst = null;
    int trivialSteps = 0;
    for (CotScore.Step step : score.steps()) {
      boolean jump = step.tokens() > 0 && step.nllPerToken() > t.jumpNllPerToken();
      boolean trivial = step.tokens() > 0 && step.nllPerToken() <= t.trivialNllPerToken();
      if (jump && (worst == null || step.nllPerToken() > worst.nllPerToken())) {
        worst = step;
      }
      if (trivial) {
        trivialSteps++;
      }
      String verdict =
          jump
              ? "a jump (above " + format(t.jumpNllPerToken()) + ")"
              : trivial
                  ? "trivial (at most " + format(t.trivialNllPerToken()) + ")"
                  : "fits ("
                      + format(t.trivialNllPerToken())
                      + " - "
                      + format(t.jumpNllPerToken())
                      + ")";
      reasons.add(
          new StepFinding(
              step.index() + 1,
              !jump && !trivial,
              "step "
                  + (step.index() + 1)
                  + ": NLL "
                  + format(step.nll())
                  + " nats over "
                  + step.tokens()
                  + " tokens, "
                  + format(step.nllPerToken())
                  + " per token: "
                  + verdict));
    }
    int steps = score.steps().size();
    double share = StudentThresholds.trivialShare(score, t.trivialNllPerToken());
    boolean tooLong = steps > t.maxSteps();
    boolean dominated = trivialSteps >= MIN_TRIVIAL_STEPS && share > t.maxTrivialShare();
    Verdict verdict;
    String why;
    if (tooLong) {
      verdict = Verdict.HARD;
      why = steps + " steps, more than the student's " + t.maxSteps();
    } else if (worst != null) {
      verdict = Verdict.EASY;
      why =
          "step "
              + (worst.index() + 1)
              + " at "
              + format(worst.nllPerToken())
              + " nats per token is a jump the student cannot follow (above "
              + format(t.jumpNllPerToken())
              + ")";
    } else if (dominated) {
      verdict = Verdict.HARD;
      why =
          trivialSteps
              + " trivial steps hold "
              + percent(share)
              + " of the tokens, more than the student's "
              + percent(t.maxTrivialShare());
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
                + " steps, max "
                + t.maxSteps()
                + "; total NLL "
                + format(score.totalNll())
                + " over "
                + score.tokens()
                + " tokens; "
                + trivialSteps
                + " trivial, "
                + percent(share)
                + " of the tokens)"));
    return new Judgement(verdict, reasons);
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }
}
