package dev.cogalign.crv.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.crv.agent.AgentException;
import dev.cogalign.crv.agent.NothingToRewriteException;
import dev.cogalign.crv.agent.RethinkRequest;
import dev.cogalign.crv.agent.RethinkResponse;
import dev.cogalign.crv.agent.RevisionOrigin;
import dev.cogalign.crv.agent.StudentProfile;
import dev.cogalign.crv.agent.Verdict;
import dev.cogalign.crv.cot.CotParser;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RuleRethinkerTest {
  final RuleRethinker rethinker = new RuleRethinker(new TickingClock(5));

  RethinkResponse rethink(String cot, Verdict verdict) {
    return rethinker.rethink(new RethinkRequest(RuleCriticTest.QUESTION, cot, verdict, null));
  }

  @Test
  void extendingSplitsAMultiOperationStepIntoExactSingleOperationSteps() {
    RethinkResponse r = rethink(RuleCriticTest.JANET, Verdict.EASY);
    assertThat(r.cot())
        .isEqualTo(
            "First, 16 - 3 = <<16-3=13>>13.\n"
                + "Janet sells 13 - 4 = <<13-4=9>>9 duck eggs a day.\n"
                + "She makes 9 * 2 = $<<9*2=18>>18 every day at the farmer's market.\n"
                + "#### 18");
    assertThat(r.origin()).isEqualTo(RevisionOrigin.EXTENDED);
    assertThat(r.call().agent()).isEqualTo("rethinker");
    assertThat(r.call().latencyMillis()).isEqualTo(5);
  }

  @Test
  void extendingOrdersOperationsSoThatEveryIntermediateResultIsExact() {
    String cot =
        "Each gets 10/3*6 = <<10/3*6=20>>20 sweets.\nSo two get 20*2=<<20*2=40>>40.\n#### 40";
    assertThat(rethink(cot, Verdict.EASY).cot())
        .startsWith("First, 10 * 6 = <<10*6=60>>60.\nEach gets 60 / 3 = <<60/3=20>>20 sweets.\n");
  }

  @Test
  void extendingReusesResultsAlreadyComputedAndSkipsIdentities() {
    String cot =
        "Bill eats 2*4*50*.01=<<2*4*50*.01=4>>4 pieces.\n"
            + "Ann eats 2*4*75*.01=<<2*4*75*.01=6>>6 pieces.\n"
            + "Lisa earned 60*1/2=<<60*1/2=30>>30.\n"
            + "#### 30";
    String out = rethink(cot, Verdict.EASY).cot();
    assertThat(out.split("<<2\\*4=8>>", -1)).hasSize(2);
    assertThat(out).doesNotContain("<<60*1=").contains("Lisa earned 60 / 2=<<60/2=30>>30.");
    assertThat(CotParser.parse(out).annotations()).allMatch(a -> a.check().holds());
  }

  @Test
  void extendingATerseSingleStepAddsAConclusionAndKeepsAFormWithoutAnswerMarker() {
    String out = rethink("She makes 9 * 2 = $<<9*2=18>>18 every day.", Verdict.EASY).cot();
    assertThat(out).isEqualTo("She makes 9 * 2 = $<<9*2=18>>18 every day.\nSo the answer is 18.");
  }

  @Test
  void simplifyingDropsRestatementsAndFoldsAStepThatComputesNothing() {
    String cot =
        "Janet's ducks lay 16 eggs per day.\n"
            + "She eats 3 of them and bakes with 4.\n"
            + "A week has <<7=7>>7 days.\n"
            + "Janet sells 16 - 7 = <<16-7=9>>9 duck eggs a day.\n"
            + "She makes 9 * 2 = $<<9*2=18>>18 every day.\n"
            + "#### 18";
    RethinkResponse r = rethink(cot, Verdict.HARD);
    assertThat(r.origin()).isEqualTo(RevisionOrigin.SIMPLIFIED);
    assertThat(r.cot())
        .isEqualTo(
            "A week has 7 days. Janet sells 16 - 7 = <<16-7=9>>9 duck eggs a day.\n"
                + "She makes 9 * 2 = $<<9*2=18>>18 every day.\n"
                + "#### 18");
  }

  @Test
  void simplifyingATooLongCotMergesStatementsWithoutNumbers() {
    String cot =
        IntStream.rangeClosed(1, 5)
                .mapToObj(
                    i ->
                        "Think about step "
                            + "abcde".charAt(i - 1)
                            + ".\nAdd one: "
                            + i
                            + "+1=<<"
                            + i
                            + "+1="
                            + (i + 1)
                            + ">>"
                            + (i + 1))
                .collect(Collectors.joining("\n"))
            + "\n#### 6";
    String out = rethink(cot, Verdict.HARD).cot();
    assertThat(CotParser.parse(out).steps()).hasSizeLessThanOrEqualTo(8);
    assertThat(out).contains("Think about step a. Add one: 1+1=<<1+1=2>>2").endsWith("#### 6");
  }

  @Test
  void refusesWhenThereIsNothingToRewrite() {
    assertThatThrownBy(() -> rethink(RuleCriticTest.JANET, Verdict.MEDIUM))
        .isInstanceOf(AgentException.class)
        .hasMessageContaining("MEDIUM");
    assertThatThrownBy(() -> rethink("#### 5", Verdict.EASY)).hasMessageContaining("no steps");
    String fits =
        "Janet sells 16 - 7 = <<16-7=9>>9 eggs.\nShe makes 9 * 2 = <<9*2=18>>18.\n#### 18";
    assertThatThrownBy(() -> rethink(fits, Verdict.EASY))
        .isInstanceOf(NothingToRewriteException.class)
        .hasMessageContaining("nothing to extend");
    assertThatThrownBy(() -> rethink(fits, Verdict.HARD))
        .isInstanceOf(NothingToRewriteException.class)
        .hasMessageContaining("nothing to simplify");
  }

  @Test
  void followsTheStudentProfileItIsGiven() {
    String cot = "She has 2+3+4=<<2+3+4=9>>9.\nThen 9*2=<<9*2=18>>18.\n#### 18";
    StudentProfile two = new StudentProfile(2, 4, 2, 8);
    assertThatThrownBy(() -> rethinker.rethink(new RethinkRequest("q", cot, Verdict.EASY, two)))
        .isInstanceOf(NothingToRewriteException.class)
        .hasMessageContaining("nothing to extend");
  }
}
