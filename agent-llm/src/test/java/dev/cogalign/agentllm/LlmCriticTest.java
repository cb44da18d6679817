package dev.cogalign.agentllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.agentllm.testing.ChatJson;
import dev.cogalign.agentllm.testing.ScriptedChatServer;
import dev.cogalign.agentllm.testing.ScriptedResponse;
import dev.cogalign.crv.agent.CritiqueRequest;
import dev.cogalign.crv.agent.CritiqueResponse;
import dev.cogalign.crv.agent.StepFinding;
import dev.cogalign.crv.agent.StudentProfile;
import dev.cogalign.crv.agent.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmCriticTest {
  static final String QUESTION =
      "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in"
          + " May. How many clips did Natalia sell altogether in April and May?";
  static final String COT =
      "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\n"
          + "Natalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n"
          + "#### 72";

  private final ScriptedChatServer server = ScriptedChatServer.start();
  private final SteppingClock clock = new SteppingClock(Duration.ofMillis(7));
  private LlmCritic critic;

  @AfterEach
  void stop() {
    critic.close();
    server.close();
  }

  private LlmCritic critic(int answerAttempts) {
    LlmAgentSettings settings =
        new LlmAgentSettings(
            LlmProvider.OPENAI,
            server.openAiBaseUrl(),
            "sk-test",
            "critic-32b",
            0.9,
            256,
            answerAttempts,
            true,
            ResilientChatTest.FAST);
    critic = LlmCritic.create(settings, clock);
    return critic;
  }

  private static CritiqueRequest request() {
    return new CritiqueRequest(QUESTION, COT, new StudentProfile(1, 3, 3, 6));
  }

  @Test
  void returnsTheStructuredVerdictWithReasonsNamingSteps() {
    server.enqueue(
        ScriptedResponse.json(
            ChatJson.completion(
                "critic-32b",
                "{\"verdict\": \"easy\", \"reasons\": [{\"step\": 2, \"message\": \"adds without"
                    + " saying where 24 comes from\"}, {\"step\": \"0\", \"message\": \"only 2"
                    + " steps\"}]}",
                "The student needs three steps.",
                412,
                38)));

    CritiqueResponse response = critic(3).critique(request());

    assertThat(response.verdict()).isEqualTo(Verdict.EASY);
    assertThat(response.reasons())
        .containsExactly(
            new StepFinding(2, false, "adds without saying where 24 comes from"),
            new StepFinding(0, false, "only 2 steps"));
    assertThat(response.call().agent()).isEqualTo("critic");
    assertThat(response.call().backend()).isEqualTo("llm");
    assertThat(response.call().model()).isEqualTo("critic-32b");
    assertThat(response.call().promptTokens()).isEqualTo(412);
    assertThat(response.call().completionTokens()).isEqualTo(38);
    assertThat(response.call().reasoning()).isEqualTo("The student needs three steps.");
    assertThat(response.call().latencyMillis()).isEqualTo(7);
  }

  @Test
  void asksAtTemperatureZeroForAJsonObjectWithTheStudentProfileAndNumberedSteps() {
    server.enqueue(ScriptedResponse.chat("{\"verdict\":\"MEDIUM\",\"reasons\":[]}"));

    critic(3).critique(request());

    String body = server.requests().get(0).body();
    assertThat(ChatJson.field(body, "temperature")).isEqualTo("0.0");
    assertThat(ChatJson.field(body, "response_format")).contains("json_object");
    assertThat(ChatJson.field(body, "max_tokens")).isEqualTo("256");
    assertThat(ChatJson.lastMessage(body, "system")).contains("student's point of view");
    String user = ChatJson.lastMessage(body, "user");
    assertThat(user)
        .contains("at most 1 arithmetic operation(s)")
        .contains("at most 3 digits")
        .contains("at least 3 steps")
        .contains("more than 6 steps")
        .contains(QUESTION)
        .contains("[1] Natalia sold 48/2 = <<48/2=24>>24 clips in May.")
        .contains("\n#### 72");
  }

  @Test
  void acceptsABareVerdictWordInAnyCase() {
    server.enqueue(ScriptedResponse.chat("Hard."));

    CritiqueResponse response = critic(3).critique(request());

    assertThat(response.verdict()).isEqualTo(Verdict.HARD);
    assertThat(response.reasons()).isEmpty();
  }

  @Test
  void asksAgainAfterAMalformedVerdictSayingWhyAndSumsTheTokensOfBothAnswers() {
    server.enqueue(
        ScriptedResponse.chat("{\"verdict\": \"somewhat hard\"}"),
        ScriptedResponse.chat(
            "{\"verdict\": \"MEDIUM\", \"reasons\": [{\"step\": 0, " + "\"message\": \"fits\"}]}"));

    CritiqueResponse response = critic(3).critique(request());

    assertThat(response.verdict()).isEqualTo(Verdict.MEDIUM);
    assertThat(response.reasons()).containsExactly(new StepFinding(0, true, "fits"));
    assertThat(server.requestCount()).isEqualTo(2);
    assertThat(ChatJson.lastMessage(server.requests().get(1).body(), "user"))
        .contains(
            "Your previous answer could not be used: verdict \"somewhat hard\" is not one"
                + " of [EASY, MEDIUM, HARD]");
    assertThat(response.call().promptTokens()).isEqualTo(20);
    assertThat(response.call().completionTokens()).isEqualTo(10);
  }

  @Test
  void failsWithTheReasonWhenEveryVerdictIsMalformed() {
    server.otherwise(request -> ScriptedResponse.chat("I think it is fine overall"));

    assertThatThrownBy(() -> critic(2).critique(request()))
        .isInstanceOf(UnusableAnswerException.class)
        .hasMessageContaining("critic got no usable answer")
        .hasMessageContaining("in 2 attempts")
        .hasMessageContaining("is not one of [EASY, MEDIUM, HARD]");
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void retriesA429ThenJudges() {
    server.enqueue(
        ScriptedResponse.error(429, "rate limited").withHeader("Retry-After", "0"),
        ScriptedResponse.chat("{\"verdict\": \"HARD\", \"reasons\": []}"));

    assertThat(critic(3).critique(request()).verdict()).isEqualTo(Verdict.HARD);
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void failsWithTheServersReasonAfterThreeServerErrors() {
    server.otherwise(request -> ScriptedResponse.error(500, "CUDA out of memory"));

    assertThatThrownBy(() -> critic(3).critique(request()))
        .isInstanceOf(LlmCallException.class)
        .hasMessageContaining("failed after 3 attempts: HTTP 500")
        .hasMessageContaining("CUDA out of memory");
    assertThat(server.requestCount()).isEqualTo(3);
  }

  @Test
  void failsWithATimeoutWhenTheServerAnswersTooSlowly() {
    LlmAgentSettings settings =
        LlmAgentSettings.of(LlmProvider.OPENAI, server.openAiBaseUrl(), "critic-32b")
            .withResilience(
                RetrySettings.of(
                    2, Duration.ofMillis(1), 1.0, Duration.ofMillis(1), Duration.ofMillis(250)));
    critic = LlmCritic.create(settings, clock);
    server.enqueue(ScriptedResponse.chat("{\"verdict\":\"EASY\"}"));
    assertThat(critic.critique(request()).verdict()).isEqualTo(Verdict.EASY);
    server.otherwise(request -> ScriptedResponse.chat("{\"verdict\":\"EASY\"}").held());

    assertThatThrownBy(() -> critic.critique(request()))
        .isInstanceOf(LlmTimeoutException.class)
        .hasMessageContaining("timed out (2 attempts)");
    assertThat(server.requestCount()).isEqualTo(1 + 2);
  }

  @Test
  void judgesOverOllamasNativeApiKeepingItsThinking() {
    LlmAgentSettings settings =
        LlmAgentSettings.of(LlmProvider.OLLAMA, server.ollamaBaseUrl(), "qwen3:32b")
            .withResilience(ResilientChatTest.FAST);
    critic = LlmCritic.create(settings, clock);
    server.enqueue(
        ScriptedResponse.json(
            ChatJson.ollamaChat(
                "qwen3:32b",
                "{\"verdict\":\"hard\",\"reasons\":[{\"step\":2,\"message\":\"two sums\"}]}",
                "Step 2 adds twice.",
                300,
                25)));

    CritiqueResponse response = critic.critique(request());

    assertThat(response.verdict()).isEqualTo(Verdict.HARD);
    assertThat(response.reasons()).containsExactly(new StepFinding(2, false, "two sums"));
    assertThat(response.call().model()).isEqualTo("qwen3:32b");
    assertThat(response.call().promptTokens()).isEqualTo(300);
    assertThat(response.call().completionTokens()).isEqualTo(25);
    assertThat(response.call().reasoning()).isEqualTo("Step 2 adds twice.");
    String body = server.requests().get(0).body();
    assertThat(server.requests().get(0).path()).isEqualTo("/api/chat");
    assertThat(ChatJson.field(body, "options")).contains("\"temperature\":0.0");
    assertThat(ChatJson.field(body, "format")).isEqualTo("\"json\"");
  }
}
