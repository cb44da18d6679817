package dev.cogalign.agentllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.agentllm.testing.ChatJson;
import dev.cogalign.agentllm.testing.ScriptedChatServer;
import dev.cogalign.agentllm.testing.ScriptedResponse;
import dev.cogalign.crv.agent.RethinkRequest;
import dev.cogalign.crv.agent.RethinkResponse;
import dev.cogalign.crv.agent.RevisionOrigin;
import dev.cogalign.crv.agent.Verdict;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmRethinkerTest {
  static final String EXTENDED =
      "In April Natalia sold 48 clips.\n"
          + "In May she sold half as many: 48/2 = <<48/2=24>>24 clips.\n"
          + "Altogether she sold 48+24 = <<48+24=72>>72 clips.\n"
          + "#### 72";

  private final ScriptedChatServer server = ScriptedChatServer.start();
  private LlmRethinker rethinker;

  @AfterEach
  void stop() {
    rethinker.close();
    server.close();
  }

  private LlmRethinker rethinker() {
    LlmAgentSettings settings =
        new LlmAgentSettings(
            LlmProvider.OPENAI,
            server.openAiBaseUrl(),
            null,
            "rethinker-32b",
            0.6,
            null,
            3,
            true,
            ResilientChatTest.FAST);
    rethinker = LlmRethinker.create(settings, Clock.systemUTC());
    return rethinker;
  }

  private static RethinkRequest request(Verdict verdict) {
    return new RethinkRequest(LlmCriticTest.QUESTION, LlmCriticTest.COT, verdict, null);
  }

  @Test
  void extendsAnEasyCotWithTheExtendPromptAtTheConfiguredTemperatureAsPlainText() {
    server.enqueue(ScriptedResponse.chat(EXTENDED));

    RethinkResponse response = rethinker().rethink(request(Verdict.EASY));

    assertThat(response.cot()).isEqualTo(EXTENDED);
    assertThat(response.origin()).isEqualTo(RevisionOrigin.EXTENDED);
    assertThat(response.call().agent()).isEqualTo("rethinker");
    assertThat(response.call().promptTokens()).isEqualTo(10);
    String body = server.requests().get(0).body();
    assertThat(ChatJson.lastMessage(body, "system")).contains("by EXTENDING it");
    assertThat(ChatJson.lastMessage(body, "user"))
        .contains(LlmCriticTest.COT)
        .contains("at most 1 arithmetic operation(s)");
    assertThat(ChatJson.field(body, "temperature")).isEqualTo("0.6");
    assertThat(ChatJson.field(body, "response_format")).isEmpty();
  }

  @Test
  void simplifiesAHardCotAndStripsACodeFence() {
    server.enqueue(ScriptedResponse.chat("```text\n" + LlmCriticTest.COT + "\n```"));

    RethinkResponse response = rethinker().rethink(request(Verdict.HARD));

    assertThat(response.cot()).isEqualTo(LlmCriticTest.COT);
    assertThat(response.origin()).isEqualTo(RevisionOrigin.SIMPLIFIED);
    assertThat(ChatJson.lastMessage(server.requests().get(0).body(), "system"))
        .contains("by SIMPLIFYING it");
  }

  @Test
  void asksAgainWhenTheRewriteChangedTheFinalAnswer() {
    server.enqueue(
        ScriptedResponse.chat(EXTENDED.replace("#### 72", "#### 70")),
        ScriptedResponse.chat(EXTENDED));

    RethinkResponse response = rethinker().rethink(request(Verdict.EASY));

    assertThat(response.cot()).isEqualTo(EXTENDED);
    assertThat(server.requestCount()).isEqualTo(2);
    assertThat(ChatJson.lastMessage(server.requests().get(1).body(), "user"))
        .contains("the rewrite's final answer 70 differs from the original's 72");
  }

  @Test
  void failsWhenNoRewriteKeepsAFinalAnswerLine() {
    server.otherwise(request -> ScriptedResponse.chat("She sold 72 clips."));

    assertThatThrownBy(() -> rethinker().rethink(request(Verdict.EASY)))
        .isInstanceOf(UnusableAnswerException.class)
        .hasMessageContaining("the rewrite has no final-answer line \"#### 72\"");
    assertThat(server.requestCount()).isEqualTo(3);
  }

  @Test
  void asksAgainWhenABoxedAnswerLostItsBox() {
    String boxed = "Half of 48 is 24.\n48 + 24 = 72.\nSo she sold \\boxed{72} clips.";
    server.enqueue(
        ScriptedResponse.chat("She sold 48 + 24 = 72 clips.\nThe answer is 72."),
        ScriptedResponse.chat("48 + 24 = 72.\n\\boxed{72}"));

    RethinkResponse response =
        rethinker().rethink(new RethinkRequest(LlmCriticTest.QUESTION, boxed, Verdict.HARD, null));

    assertThat(response.cot()).isEqualTo("48 + 24 = 72.\n\\boxed{72}");
    assertThat(ChatJson.lastMessage(server.requests().get(1).body(), "user"))
        .contains("the rewrite has no final answer in \\boxed{72}");
  }

  @Test
  void refusesAMediumVerdictWithoutCallingTheModel() {
    assertThatThrownBy(() -> rethinker().rethink(request(Verdict.MEDIUM)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MEDIUM needs no rethink");
    assertThat(server.requestCount()).isZero();
  }
}
