package dev.cogalign.crv.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.crv.agent.StepFinding;
import dev.cogalign.crv.agent.VerificationRequest;
import dev.cogalign.crv.agent.VerificationResponse;
import org.junit.jupiter.api.Test;

class RuleVerifierTest {
  final RuleVerifier verifier = new RuleVerifier(new TickingClock(3));

  VerificationResponse verify(String gold, String cot) {
    return verifier.verify(new VerificationRequest("How much?", gold, cot));
  }

  @Test
  void acceptsACotWhoseAnnotationsHoldAndWhoseAnswerIsTheGold() {
    VerificationResponse r = verify("18", RuleCriticTest.JANET);
    assertThat(r.correct()).isTrue();
    assertThat(r.extractedAnswer()).isEqualTo("18");
    assertThat(r.findings())
        .containsExactly(
            new StepFinding(0, true, "answer 18 equals gold 18"),
            new StepFinding(1, true, "step 1: <<16-3-4=9>> holds"),
            new StepFinding(2, true, "step 2: <<9*2=18>> holds"));
    assertThat(r.call().agent()).isEqualTo("verifier");
    assertThat(r.call().latencyMillis()).isEqualTo(3);
  }

  @Test
  void rejectsAWrongAnnotationEvenWhenTheAnswerIsRight() {
    VerificationResponse r =
        verify("18", "Janet sells 16 - 3 - 4 = <<16-3-4=9>>9.\nShe makes <<9*2=19>>18.\n#### 18");
    assertThat(r.correct()).isFalse();
    assertThat(r.findings())
        .contains(new StepFinding(2, false, "step 2: <<9*2=19>> is wrong: 9*2 = 18"));
  }

  @Test
  void rejectsAWrongFinalAnswer() {
    VerificationResponse r = verify("20", RuleCriticTest.JANET);
    assertThat(r.correct()).isFalse();
    assertThat(r.findings().get(0))
        .isEqualTo(new StepFinding(0, false, "answer 18 differs from gold 20"));
  }

  @Test
  void readsFreeFormAnswersAndComparesThemByEquivalence() {
    assertThat(verify("1000", "So she pays 1,000 dollars in all.\nThe answer is $1,000.").correct())
        .isTrue();
    assertThat(verify("0.5", "Half of it.\nAnswer: \\frac{1}{2}").correct()).isTrue();
    assertThat(
            verify("\\frac{14}{3}", "<think>hmm</think>\nThus $\\boxed{\\dfrac{14}{3}}$.")
                .correct())
        .isTrue();
    assertThat(
            verify(
                    "6",
                    "The steps without annotation: 45/7 = <<45/7=6.43>>6.43 so about 6.\n#### 6")
                .correct())
        .as("a value rounded to the decimals written holds")
        .isTrue();
  }

  @Test
  void reportsACotWithoutAnyAnswer() {
    VerificationResponse r = verify("7", "I do not know.");
    assertThat(r.correct()).isFalse();
    assertThat(r.extractedAnswer()).isNull();
    assertThat(r.findings().get(0).message()).isEqualTo("no final answer found (gold 7)");
  }
}
