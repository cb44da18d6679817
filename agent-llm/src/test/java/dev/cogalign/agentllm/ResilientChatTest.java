package dev.cogalign.agentllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.agentllm.testing.ChatJson;
import dev.cogalign.agentllm.testing.ScriptedChatServer;
import dev.cogalign.agentllm.testing.ScriptedResponse;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResilientChatTest {
  static final ResilienceSettings FAST =
      RetrySettings.of(3, Duration.ofMillis(5), 2.0, Duration.ofMillis(40), Duration.ofSeconds(60));

  private final ScriptedChatServer server = ScriptedChatServer.start();
  private ResilientChat chat;

  @AfterEach
  void stop() {
    if (chat != null) {
      chat.close();
    }
    server.close();
  }

  private ResilientChat openAi(ResilienceSettings resilience) {
    LlmAgentSettings settings =
        LlmAgentSettings.of(LlmProvider.OPENAI, server.openAiBaseUrl(), "teacher-32b")
            .withResilience(resilience);
    chat = ResilientChat.create(settings, 0.0, false, Clock.systemUTC());
    return chat;
  }

  @Test
  void returnsContentModelUsageAndReasoningContentOfTheServersAnswer() {
    server.enqueue(
        ScriptedResponse.json(
            ChatJson.completion("teacher-32b-0613", "MEDIUM", "step 2 is fine", 321, 7)));

    ChatReply reply = openAi(FAST).call("be a critic", "judge this");

    assertThat(reply)
        .isEqualTo(new ChatReply("MEDIUM", "teacher-32b-0613", 321, 7, "step 2 is fine"));
    assertThat(server.requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.path()).isEqualTo("/v1/chat/completions");
              assertThat(r.header("Authorization")).isEqualTo("Bearer none");
              assertThat(ChatJson.lastMessage(r.body(), "system")).isEqualTo("be a critic");
              assertThat(ChatJson.lastMessage(r.body(), "user")).isEqualTo("judge this");
              assertThat(ChatJson.field(r.body(), "model")).isEqualTo("\"teacher-32b\"");
              assertThat(ChatJson.field(r.body(), "temperature")).isEqualTo("0.0");
            });
  }

  @Test
  void retriesA429AndSucceeds() {
    server.enqueue(
        ScriptedResponse.error(429, "slow down").withHeader("Retry-After", "0"),
        ScriptedResponse.chat("EASY"));

    ChatReply reply = openAi(FAST).call("s", "u");

    assertThat(reply.text()).isEqualTo("EASY");
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void failsWithTheReasonAfterThreeServerErrors() {
    server.enqueue(
        ScriptedResponse.error(500, "model crashed"),
        ScriptedResponse.error(500, "model crashed"),
        ScriptedResponse.error(500, "model crashed"),
        ScriptedResponse.chat("never reached"));

    assertThatThrownBy(() -> openAi(FAST).call("s", "u"))
        .isInstanceOfSatisfying(LlmCallException.class, e -> assertThat(e.status()).isEqualTo(500))
        .hasMessageContaining("failed after 3 attempts")
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining("model crashed");
    assertThat(server.requestCount()).isEqualTo(3);
  }

  @Test
  void doesNotRetryABadRequest() {
    server.enqueue(ScriptedResponse.error(400, "context too long"), ScriptedResponse.chat("x"));

    assertThatThrownBy(() -> openAi(FAST).call("s", "u"))
        .isInstanceOfSatisfying(LlmCallException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("failed after 1 attempt:");
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void timesOutASlowAnswerAndRetriesItOnlyUpToMaxAttempts() {
    ResilienceSettings quick =
        RetrySettings.of(2, Duration.ofMillis(1), 1.0, Duration.ofMillis(1), Duration.ofSeconds(1));
    ResilientChat c = openAi(quick);
    server.enqueue(ScriptedResponse.chat("warm"));
    assertThat(c.call("s", "u").text()).isEqualTo("warm");
    server.otherwise(request -> ScriptedResponse.chat("too late").held());

    assertThatThrownBy(() -> c.call("s", "u"))
        .isInstanceOf(LlmTimeoutException.class)
        .hasMessageContaining("timed out (2 attempts)");
    assertThat(server.requestCount()).isEqualTo(1 + 2);
  }

  @Test
  void opensTheCircuitAfterRepeatedFailuresAndThenRefusesWithoutCallingTheServer() {
    ResilienceSettings breaker =
        new ResilienceSettings(
            1, null, null, null, null, 50f, 4, 4, Duration.ofMinutes(5), null, null, null);
    server.otherwise(request -> ScriptedResponse.error(503, "overloaded"));
    ResilientChat c = openAi(breaker);

    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> c.call("s", "u")).isInstanceOf(LlmCallException.class);
    }
    assertThat(c.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThatThrownBy(() -> c.call("s", "u"))
        .isInstanceOf(LlmUnavailableException.class)
        .hasMessageContaining("circuit breaker")
        .hasMessageContaining("is open");
    assertThat(server.requestCount()).isEqualTo(4);
  }

  @Test
  void keepsTheCircuitClosedWhileRetriesSaveEveryCallOfAnEndpointFailingHalfItsAttempts() {
    ResilienceSettings breaker =
        new ResilienceSettings(
            3,
            Duration.ofMillis(1),
            1.0,
            Duration.ofMillis(1),
            null,
            50f,
            4,
            4,
            Duration.ofMinutes(5),
            null,
            null,
            null);
    ResilientChat c = openAi(breaker);

    for (int i = 0; i < 6; i++) {
      server.enqueue(ScriptedResponse.error(500, "flaky"), ScriptedResponse.chat("answer " + i));
      assertThat(c.call("s", "u").text()).isEqualTo("answer " + i);
    }
    assertThat(c.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(server.requestCount()).isEqualTo(12);
  }

  @Test
  void opensTheCircuitOnCallsThatFailedAfterEveryRetry() {
    ResilienceSettings breaker =
        new ResilienceSettings(
            2,
            Duration.ofMillis(1),
            1.0,
            Duration.ofMillis(1),
            null,
            50f,
            2,
            2,
            Duration.ofMinutes(5),
            null,
            null,
            null);
    server.otherwise(request -> ScriptedResponse.error(503, "overloaded"));
    ResilientChat c = openAi(breaker);

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> c.call("s", "u"))
          .isInstanceOf(LlmCallException.class)
          .hasMessageContaining("failed after 2 attempts");
    }
    assertThat(c.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThatThrownBy(() -> c.call("s", "u")).isInstanceOf(LlmUnavailableException.class);
    assertThat(server.requestCount()).isEqualTo(2 * 2);
  }

  @Test
  void refusesACallWhenNoRateLimitPermitComesInTime() {
    ResilienceSettings oneCall =
        new ResilienceSettings(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            1,
            Duration.ofMinutes(10),
            Duration.ZERO);
    server.otherwise(request -> ScriptedResponse.chat("ok"));
    ResilientChat c = openAi(oneCall);

    assertThat(c.call("s", "u").text()).isEqualTo("ok");
    assertThatThrownBy(() -> c.call("s", "u"))
        .isInstanceOf(LlmUnavailableException.class)
        .hasMessageContaining("rate limit");
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void movesALeadingThinkBlockIntoTheReasoning() {
    server.enqueue(ScriptedResponse.chat("<think>count the steps</think>\nHARD"));

    ChatReply reply = openAi(FAST).call("s", "u");

    assertThat(reply.text()).isEqualTo("HARD");
    assertThat(reply.reasoning()).isEqualTo("count the steps");
  }

  @Test
  void talksToOllamasNativeChatApi() {
    server.enqueue(
        ScriptedResponse.json(ChatJson.ollamaChat("qwen3:8b", "EASY", "short CoT", 120, 3)));
    LlmAgentSettings settings =
        LlmAgentSettings.of(LlmProvider.OLLAMA, server.ollamaBaseUrl(), "qwen3:8b")
            .withResilience(FAST);
    chat = ResilientChat.create(settings, 0.0, true, Clock.systemUTC());

    ChatReply reply = chat.call("be a critic", "judge this");

    assertThat(reply).isEqualTo(new ChatReply("EASY", "qwen3:8b", 120, 3, "short CoT"));
    assertThat(server.requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.path()).isEqualTo("/api/chat");
              assertThat(ChatJson.field(r.body(), "format")).isEqualTo("\"json\"");
              assertThat(ChatJson.field(r.body(), "stream")).isEqualTo("false");
              assertThat(ChatJson.lastMessage(r.body(), "user")).isEqualTo("judge this");
            });
  }

  @Test
  void retriesAnOllamaServerErrorAndSucceeds() {
    server.enqueue(
        ScriptedResponse.error(503, "loading model"),
        ScriptedResponse.json(ChatJson.ollamaChat("qwen3:8b", "MEDIUM", null, 1, 1)));
    LlmAgentSettings settings =
        LlmAgentSettings.of(LlmProvider.OLLAMA, server.ollamaBaseUrl(), "qwen3:8b")
            .withResilience(FAST);
    chat = ResilientChat.create(settings, 0.0, false, Clock.systemUTC());

    assertThat(chat.call("s", "u").text()).isEqualTo("MEDIUM");
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void failsAnOllamaCallWithTheStatusAfterMaxAttemptsWithoutSpringAisOwnRetries() {
    server.otherwise(request -> ScriptedResponse.error(500, "llama runner crashed"));
    LlmAgentSettings settings =
        LlmAgentSettings.of(LlmProvider.OLLAMA, server.ollamaBaseUrl(), "qwen3:8b")
            .withResilience(FAST);
    chat = ResilientChat.create(settings, 0.0, false, Clock.systemUTC());

    assertThatThrownBy(() -> chat.call("s", "u"))
        .isInstanceOfSatisfying(LlmCallException.class, e -> assertThat(e.status()).isEqualTo(500))
        .hasMessageContaining("failed after 3 attempts: HTTP 500")
        .hasMessageContaining("llama runner crashed");
    assertThat(server.requestCount()).isEqualTo(3);
  }
}
