package dev.cogalign.agentllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.agentllm.testing.ChatJson;
import dev.cogalign.agentllm.testing.ScriptedChatServer;
import dev.cogalign.agentllm.testing.ScriptedResponse;
import dev.cogalign.crv.agent.StepFinding;
import dev.cogalign.crv.agent.VerificationRequest;
import dev.cogalign.crv.agent.VerificationResponse;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmVerifierTest {
  static final String ALL_HOLD =
      "{\"steps\": [{\"step\": 1, \"ok\": true, \"message\": \"48/2 = 24\"},"
          + " {\"step\": 2, \"ok\": true, \"message\": \"48+24 = 72\"},"
          + " {\"step\": 3, \"ok\": true, \"message\": \"states 72\"}]}";

  private final ScriptedChatServer server = ScriptedChatServer.start();
  private LlmVerifier verifier;

  @AfterEach
  void stop() {
    verifier.close();
    server.close();
  }

  private LlmVerifier verifier() {
    LlmAgentSettings settings =
        new LlmAgentSettings(
            LlmProvider.OPENAI,
            server.openAiBaseUrl(),
            null,
            "verifier-32b",
            0.8,
            null,
            2,
            true,
            ResilientChatTest.FAST);
    verifier = LlmVerifier.create(settings, Clock.systemUTC());
    return verifier;
  }

  @Test
  void isCorrectWhenTheAnswerMatchesAndEveryStepHolds() {
    server.enqueue(
        ScriptedResponse.json(ChatJson.completion("verifier-32b", ALL_HOLD, "all fine", 50, 40)));

    VerificationResponse response =
        verifier().verify(new VerificationRequest(LlmCriticTest.QUESTION, "72", LlmCriticTest.COT));

    assertThat(response.correct()).isTrue();
    assertThat(response.extractedAnswer()).isEqualTo("72");
    assertThat(response.findings())
        .containsExactly(
            new StepFinding(0, true, "final answer 72 equals the gold answer 72"),
            new StepFinding(1, true, "48/2 = 24"),
            new StepFinding(2, true, "48+24 = 72"),
            new StepFinding(3, true, "states 72"));
    assertThat(response.call().agent()).isEqualTo("verifier");
    assertThat(response.call().reasoning()).isEqualTo("all fine");
    assertThat(response.call().completionTokens()).isEqualTo(40);
    String body = server.requests().get(0).body();
    assertThat(ChatJson.field(body, "temperature")).isEqualTo("0.0");
    assertThat(ChatJson.lastMessage(body, "user")).contains("[2] Natalia sold 48+24");
  }

  @Test
  void isIncorrectWhenTheFinalAnswerDiffersFromTheGoldEvenIfEveryStepHolds() {
    server.enqueue(ScriptedResponse.chat(ALL_HOLD));

    VerificationResponse response =
        verifier().verify(new VerificationRequest(LlmCriticTest.QUESTION, "96", LlmCriticTest.COT));

    assertThat(response.correct()).isFalse();
    assertThat(response.extractedAnswer()).isEqualTo("72");
    assertThat(response.findings().get(0))
        .isEqualTo(new StepFinding(0, false, "final answer 72 differs from the gold answer 96"));
  }

  @Test
  void isIncorrectWhenTheModelFindsAFailingStep() {
    String cot = "Half of 48 is 26.\nSo she sold 48 + 24 = 72.\nThe answer is \\boxed{72}.";
    server.enqueue(
        ScriptedResponse.chat(
            "```json\n{\"steps\": [{\"step\": 2, \"ok\": true, \"message\": \"48+24=72\"},"
                + " {\"step\": 1, \"ok\": false, \"message\": \"48/2 is 24, not 26\"}]}\n```"));

    VerificationResponse response =
        verifier().verify(new VerificationRequest(LlmCriticTest.QUESTION, "72", cot));

    assertThat(response.correct()).isFalse();
    assertThat(response.extractedAnswer()).isEqualTo("72");
    assertThat(response.findings())
        .extracting(StepFinding::step, StepFinding::ok)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, true),
            org.assertj.core.groups.Tuple.tuple(1, false),
            org.assertj.core.groups.Tuple.tuple(2, true));
  }

  @Test
  void reportsAMissingFinalAnswer() {
    server.enqueue(
        ScriptedResponse.chat("{\"steps\": [{\"step\": 1, \"ok\": true, \"message\": \"ok\"}]}"));

    VerificationResponse response =
        verifier()
            .verify(new VerificationRequest(LlmCriticTest.QUESTION, "72", "She sold the clips."));

    assertThat(response.correct()).isFalse();
    assertThat(response.extractedAnswer()).isNull();
    assertThat(response.findings().get(0).message())
        .isEqualTo("no final answer found; the gold answer is 72");
  }

  @Test
  void comparesAnswersByValueNotBySpelling() {
    server.enqueue(ScriptedResponse.chat(ALL_HOLD));

    VerificationResponse response =
        verifier()
            .verify(
                new VerificationRequest(
                    LlmCriticTest.QUESTION,
                    "72.0",
                    "48+24 = 72\nThe answer is \\boxed{\\frac{144}{2}}."));

    assertThat(response.correct()).isTrue();
    assertThat(response.extractedAnswer()).isEqualTo("\\frac{144}{2}");
  }

  @Test
  void failsWhenTheStepJudgementStaysMalformed() {
    server.otherwise(request -> ScriptedResponse.chat("{\"steps\": [{\"step\": 1}]}"));

    assertThatThrownBy(
            () ->
                verifier()
                    .verify(
                        new VerificationRequest(LlmCriticTest.QUESTION, "72", LlmCriticTest.COT)))
        .isInstanceOf(UnusableAnswerException.class)
        .hasMessageContaining("step 1 has no boolean \"ok\"");
    assertThat(server.requestCount()).isEqualTo(2);
  }
}
