package dev.cogalign.agentllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.crv.agent.StepFinding;
import dev.cogalign.crv.agent.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParsersTest {
  @Test
  void normalisesTheVerdictsCaseAndSpaces() {
    assertThat(VerdictParser.parse("{\"verdict\": \" Medium \"}").verdict())
        .isEqualTo(Verdict.MEDIUM);
    assertThat(VerdictParser.parse("\"easy\"").verdict()).isEqualTo(Verdict.EASY);
    assertThat(VerdictParser.parse("**HARD**").verdict()).isEqualTo(Verdict.HARD);
  }

  @Test
  void findsTheJsonObjectInsideProse() {
    var parsed =
        VerdictParser.parse(
            "Here is my verdict:\n{\"verdict\":\"HARD\",\"reasons\":[\"too long\","
                + "{\"step\":4,\"message\":\"repeats step 2\",\"ok\":false}]}\nThanks.");

    assertThat(parsed.verdict()).isEqualTo(Verdict.HARD);
    assertThat(parsed.reasons())
        .containsExactly(
            new StepFinding(0, false, "too long"), new StepFinding(4, false, "repeats step 2"));
  }

  @Test
  void rejectsMalformedVerdictsNamingWhatIsWrong() {
    assertThatThrownBy(() -> VerdictParser.parse("{\"verdict\": 3}"))
        .isInstanceOf(MalformedAnswerException.class)
        .hasMessageContaining("no string field \"verdict\"");
    assertThatThrownBy(() -> VerdictParser.parse("{\"verdict\": \"EASY\""))
        .isInstanceOf(MalformedAnswerException.class)
        .hasMessageContaining("no JSON object");
    assertThatThrownBy(() -> VerdictParser.parse("{verdict: EASY}"))
        .isInstanceOf(MalformedAnswerException.class)
        .hasMessageContaining("invalid JSON");
    assertThatThrownBy(() -> VerdictParser.parse("It is too easy for the student"))
        .isInstanceOf(MalformedAnswerException.class)
        .hasMessageContaining("is not one of");
  }

  @Test
  void rejectsAStepJudgementWithoutSteps() {
    assertThatThrownBy(() -> StepJudgementParser.parse("{\"steps\": []}"))
        .isInstanceOf(MalformedAnswerException.class)
        .hasMessageContaining("no non-empty array \"steps\"");
  }

  @Test
  void rendersPlaceholdersOnceKeepingTheValuesBraces() {
    assertThat(
            Prompts.render(
                "Q: {{question}} C: {{cot}}",
                Map.of("question", "{{cot}}", "cot", "so \\boxed{72} and $1")))
        .isEqualTo("Q: {{cot}} C: so \\boxed{72} and $1");
    assertThatThrownBy(() -> Prompts.render("{{missing}}", Map.of()))
        .hasMessageContaining("{{missing}} has no value");
  }

  @Test
  void numbersNonEmptyLinesAsSteps() {
    assertThat(Prompts.numberedSteps("a = 1\n\n  b = 2  \r\n#### 2\n"))
        .isEqualTo("[1] a = 1\n[2] b = 2\n#### 2");
  }

  @Test
  void everyPromptFileLoadsAndRendersWithTheAgentsPlaceholders() {
    for (String name :
        new String[] {
          "critic-system", "critic-user", "rethink-extend-system", "rethink-simplify-system",
          "rethink-user", "verifier-system", "verifier-user", "retry-note"
        }) {
      assertThat(Prompts.load(name)).as(name).isNotBlank();
    }
  }
}
