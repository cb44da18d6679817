package dev.cogalign.crv.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.crv.agent.CritiqueRequest;
import dev.cogalign.crv.agent.CritiqueResponse;
import dev.cogalign.crv.agent.StepFinding;
import dev.cogalign.crv.agent.StudentProfile;
import dev.cogalign.crv.agent.Verdict;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RuleCriticTest {
  static final String QUESTION =
      "Janet's ducks lay 16 eggs per day. She eats 3 and bakes with 4. She sells the rest for $2"
          + " each. How much does she make?";
  static final String JANET =
      "Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\n"
          + "She makes 9 * 2 = $<<9*2=18>>18 every day at the farmer's market.\n"
          + "#### 18";

  final RuleCritic critic = new RuleCritic(new TickingClock(7));

  CritiqueResponse critique(String cot, StudentProfile profile) {
    return critic.critique(new CritiqueRequest(QUESTION, cot, profile));
  }

  @Test
  void callsAStepWithMoreOperationsThanTheStudentHandlesEasyNamingIt() {
    CritiqueResponse r = critique(JANET, null);
    assertThat(r.verdict()).isEqualTo(Verdict.EASY);
    assertThat(r.reasons())
        .contains(
            new StepFinding(1, false, "step 1: 2 operations in 16-3-4 (student handles 1)"),
            new StepFinding(2, true, "step 2: fits (1 operation)"));
    assertThat(r.reasons().get(0).step()).isZero();
    assertThat(r.reasons().get(0).message()).startsWith("EASY: steps do more operations");
  }

  @Test
  void theSameCotFitsAStudentWhoHandlesTwoOperations() {
    assertThat(critique(JANET, new StudentProfile(2, 4, 2, 8)).verdict()).isEqualTo(Verdict.MEDIUM);
  }

  @Test
  void callsACotWithFewerStepsThanTheMinimumEasy() {
    CritiqueResponse r = critique("She makes 9 * 2 = $<<9*2=18>>18.\n#### 18", null);
    assertThat(r.verdict()).isEqualTo(Verdict.EASY);
    assertThat(r.reasons().get(0).message())
        .contains("1 steps, fewer than the student's minimum of 2");
  }

  @Test
  void callsACotLongerThanTheMaximumHard() {
    String cot =
        IntStream.rangeClosed(1, 10)
                .mapToObj(i -> "Add one: " + i + "+1=<<" + i + "+1=" + (i + 1) + ">>" + (i + 1))
                .collect(Collectors.joining("\n"))
            + "\n#### 11";
    CritiqueResponse r = critique(cot, null);
    assertThat(r.verdict()).isEqualTo(Verdict.HARD);
    assertThat(r.reasons().get(0).message())
        .contains("10 steps, more than the student's maximum of 8");
  }

  @Test
  void callsACotWithSeveralRestatingStepsHard() {
    String cot =
        "Janet's ducks lay 16 eggs per day.\n"
            + "She eats 3 of them and bakes with 4.\n"
            + "Janet sells 16 - 7 = <<16-7=9>>9 duck eggs a day.\n"
            + "She makes 9 * 2 = $<<9*2=18>>18 every day.\n"
            + "#### 18";
    CritiqueResponse r = critique(cot, null);
    assertThat(r.verdict()).isEqualTo(Verdict.HARD);
    assertThat(r.reasons())
        .contains(
            new StepFinding(1, false, "step 1: only restates known numbers"),
            new StepFinding(2, false, "step 2: only restates known numbers"));
  }

  @Test
  void reportsLargeOperandsWithoutChangingTheVerdict() {
    String cot =
        "The repairs cost 80000*1.5=<<80000*1.5=120000>>120000 dollars.\n"
            + "So the profit is 120000-50000=<<120000-50000=70000>>70000.\n#### 70000";
    CritiqueResponse r = critique(cot, null);
    assertThat(r.verdict()).isEqualTo(Verdict.MEDIUM);
    assertThat(r.reasons())
        .contains(
            new StepFinding(
                1, false, "step 1: an operand of 5 digits in 80000*1.5 (student handles 4)"));
  }

  @Test
  void recordsTheRulesBackendAndTheLatencyFromItsClock() {
    CritiqueResponse r = critique(JANET, null);
    assertThat(r.call().agent()).isEqualTo("critic");
    assertThat(r.call().backend()).isEqualTo("rules");
    assertThat(r.call().model()).isEqualTo("rules-v1");
    assertThat(r.call().latencyMillis()).isEqualTo(7);
    assertThat(r.call().promptTokens()).isNull();
  }
}
