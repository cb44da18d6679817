package dev.cogalign.crv.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.crv.agent.VerificationRequest;
import dev.cogalign.crv.agent.VerificationResponse;
import dev.cogalign.crv.cot.Cot;
import dev.cogalign.crv.cot.CotParser;
import dev.cogalign.crv.cot.CotRenderer;
import dev.cogalign.crv.rules.RuleVerifier;
import dev.cogalign.crv.testdata.SharedData;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The real DeepSeek-R1 (671B, via OpenRouter) and deepseek-r1:8b (Ollama) traces on MATH. */
class R1TracesTest {

  static Stream<Map<String, Object>> traces() {
    return Stream.of(
            "r1-traces/sample_openrouter_outputs.json", "r1-traces/sample_ollama_outputs.json")
        .flatMap(f -> SharedData.jsonArray(f).stream());
  }

  /** The trace as a server streams it: thinking in a think block, then the answer. */
  static String asR1Output(Map<String, Object> trace) {
    return "<think>\n"
        + trace.get("message_thinking")
        + "\n</think>\n\n"
        + trace.get("message_content");
  }

  @ParameterizedTest
  @MethodSource("traces")
  void extractsTheGoldAnswerFromTheContentAndFromTheWholeTrace(Map<String, Object> trace) {
    String gold = (String) trace.get("gtruth_answer");
    String content = (String) trace.get("message_content");
    assertThat(AnswerExtractor.extract(content))
        .hasValueSatisfying(
            a -> assertThat(AnswerEquivalence.equivalent(a, gold)).as(a + " vs " + gold).isTrue());
    assertThat(AnswerExtractor.extract(asR1Output(trace)))
        .hasValueSatisfying(
            a -> assertThat(AnswerEquivalence.equivalent(a, gold)).as(a + " vs " + gold).isTrue());
  }

  @ParameterizedTest
  @MethodSource("traces")
  void extractsTheGoldAnswerFromTheThinkingAloneSkippingQuotedPlaceholders(
      Map<String, Object> trace) {
    // One 8B trace quotes the prompt's "\\boxed{ANSWER}" after its real "\\boxed{4}".
    String thinking = (String) trace.get("message_thinking");
    assertThat(AnswerExtractor.extract(thinking))
        .hasValueSatisfying(
            a ->
                assertThat(AnswerEquivalence.equivalent(a, (String) trace.get("gtruth_answer")))
                    .as(a)
                    .isTrue());
  }

  @ParameterizedTest
  @MethodSource("traces")
  void parsesTheThinkBlockAndRoundTrips(Map<String, Object> trace) {
    Cot cot = CotParser.parse(asR1Output(trace));
    assertThat(cot.think()).isEqualTo(((String) trace.get("message_thinking")).strip());
    assertThat(cot.steps()).isNotEmpty();
    assertThat(AnswerEquivalence.equivalent(cot.finalAnswer(), (String) trace.get("gtruth_answer")))
        .isTrue();
    assertThat(CotParser.parse(CotRenderer.render(cot))).isEqualTo(cot);
  }

  @ParameterizedTest
  @MethodSource("traces")
  void verifierJudgesTheTraceCorrectAndAWrongGoldIncorrect(Map<String, Object> trace) {
    RuleVerifier verifier = new RuleVerifier();
    String question = (String) trace.get("problem");
    VerificationResponse right =
        verifier.verify(
            new VerificationRequest(
                question, (String) trace.get("gtruth_answer"), asR1Output(trace)));
    assertThat(right.correct()).isTrue();
    VerificationResponse wrong =
        verifier.verify(new VerificationRequest(question, "12345", asR1Output(trace)));
    assertThat(wrong.correct()).isFalse();
    assertThat(wrong.findings()).first().matches(f -> !f.ok() && f.step() == 0);
  }
}
