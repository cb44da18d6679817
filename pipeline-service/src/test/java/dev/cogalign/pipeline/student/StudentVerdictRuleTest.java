package dev.cogalign.pipeline.student;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.crv.agent.StepFinding;
import dev.cogalign.crv.agent.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudentVerdictRuleTest {
  /** Jumps above 2.0 nats per token, trivial at or below 0.2, at most 5 steps, 40% trivial. */
  private static final StudentThresholds THRESHOLDS = new StudentThresholds(2.0, 0.2, 5, 0.4);

  /** A CoT whose step i has {@code tokens[i]} tokens at {@code perToken[i]} nats each. */
  private static CotScore cot(int[] tokens, double[] perToken) {
    List<CotScore.Step> steps = new ArrayList<>();
    int total = 0;
    double nll = 0;
    for (int i = 0; i < tokens.length; i++) {
      steps.add(new CotScore.Step(i, "step " + i, tokens[i], tokens[i] * perToken[i], perToken[i]));
      total += tokens[i];
      nll += tokens[i] * perToken[i];
    }
    return new CotScore(7, steps, total, nll);
  }

  @Test
  void aCotWhoseStepsAllLieBetweenTheThresholdsIsMediumWithOneOkFindingPerStep() {
    var judged =
        StudentVerdictRule.judge(
            cot(new int[] {8, 10, 4}, new double[] {1.0, 1.5, 0.5}), THRESHOLDS);

    assertThat(judged.verdict()).isEqualTo(Verdict.MEDIUM);
    assertThat(judged.reasons()).extracting(StepFinding::step).containsExactly(0, 1, 2, 3);
    assertThat(judged.reasons()).allMatch(StepFinding::ok);
    assertThat(judged.reasons().get(2).message())
        .isEqualTo("step 2: NLL 15.000 nats over 10 tokens, 1.500 per token: fits (0.200 - 2.000)");
  }

  @Test
  void oneStepFarAboveTheStudentsTypicalNllMakesItEasyNamingThatStepAndItsNumbers() {
    var judged =
        StudentVerdictRule.judge(
            cot(new int[] {8, 6, 4}, new double[] {1.0, 3.25, 1.0}), THRESHOLDS);

    assertThat(judged.verdict()).isEqualTo(Verdict.EASY);
    assertThat(judged.reasons().get(0).message())
        .startsWith(
            "EASY: step 2 at 3.250 nats per token is a jump the student cannot follow (above"
                + " 2.000)");
    assertThat(judged.reasons().get(2))
        .isEqualTo(
            new StepFinding(
                2,
                false,
                "step 2: NLL 19.500 nats over 6 tokens, 3.250 per token: a jump (above 2.000)"));
    assertThat(judged.reasons().get(1).ok()).isTrue();
  }

  @Test
  void theWorstOfSeveralJumpsIsNamed() {
    var judged =
        StudentVerdictRule.judge(
            cot(new int[] {5, 5, 5}, new double[] {2.5, 1.0, 4.0}), THRESHOLDS);

    assertThat(judged.verdict()).isEqualTo(Verdict.EASY);
    assertThat(judged.reasons().get(0).message()).startsWith("EASY: step 3 at 4.000");
  }

  @Test
  void aStepExactlyAtTheJumpThresholdIsNoJump() {
    var judged =
        StudentVerdictRule.judge(cot(new int[] {5, 5}, new double[] {2.0, 1.0}), THRESHOLDS);

    assertThat(judged.verdict()).isEqualTo(Verdict.MEDIUM);
  }

  @Test
  void moreStepsThanTheStudentsRangeIsHardEvenWithAJump() {
    var judged =
        StudentVerdictRule.judge(
            cot(new int[] {5, 5, 5, 5, 5, 5}, new double[] {1, 1, 9, 1, 1, 1}), THRESHOLDS);

    assertThat(judged.verdict()).isEqualTo(Verdict.HARD);
    assertThat(judged.reasons().get(0).message())
        .startsWith("HARD: 6 steps, more than the student's 5");
    assertThat(judged.reasons()).hasSize(7);
  }

  @Test
  void trivialStepsHoldingMoreThanTheCalibratedShareOfTheTokensMakeItHard() {
    // 6 + 6 trivial tokens of 20: 60% > 40%
    var judged =
        StudentVerdictRule.judge(
            cot(new int[] {6, 8, 6}, new double[] {0.1, 1.0, 0.05}), THRESHOLDS);

    assertThat(judged.verdict()).isEqualTo(Verdict.HARD);
    assertThat(judged.reasons().get(0).message())
        .startsWith("HARD: 2 trivial steps hold 60% of the tokens, more than the student's 40%");
    assertThat(judged.reasons().get(1).ok()).isFalse();
    assertThat(judged.reasons().get(1).message()).endsWith("trivial (at most 0.200)");
  }

  @Test
  void oneTrivialStepNeverMakesItHardWhateverItsShare() {
    var judged =
        StudentVerdictRule.judge(cot(new int[] {30, 4}, new double[] {0.1, 1.0}), THRESHOLDS);

    assertThat(judged.verdict()).isEqualTo(Verdict.MEDIUM);
  }

  @Test
  void aJumpWinsOverTrivialSteps() {
    var judged =
        StudentVerdictRule.judge(
            cot(new int[] {6, 8, 6}, new double[] {0.1, 2.5, 0.05}), THRESHOLDS);

    assertThat(judged.verdict()).isEqualTo(Verdict.EASY);
  }
}
