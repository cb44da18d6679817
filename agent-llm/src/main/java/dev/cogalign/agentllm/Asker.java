package dev.cogalign.agentllm;

import dev.cogalign.crv.agent.AgentCall;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * Asks a model until its answer can be used, at most {@code answerAttempts} times; each new ask
 * tells the model why the last answer could not be used. Sums the token use of every answer into
 * one {@link AgentCall}.
 */
final class Asker implements AutoCloseable {
  static final String BACKEND = "llm";

  private final String agent;
  private final ResilientChat chat;
  private final int answerAttempts;
  private final Clock clock;
  private final String retryNote = Prompts.load("retry-note");

  Asker(String agent, ResilientChat chat, int answerAttempts, Clock clock) {
    this.agent = agent;
    this.chat = chat;
    this.answerAttempts = answerAttempts;
    this.clock = clock;
  }

  /** A usable answer and the call's provenance. */
  record Answer<T>(T value, AgentCall call) {}

  <T> Answer<T> ask(String system, String user, Function<String, T> parse) {
    Instant start = clock.instant();
    Integer promptTokens = null;
    Integer completionTokens = null;
    String lastReason = null;
    for (int attempt = 1; attempt <= answerAttempts; attempt++) {
      String message =
          lastReason == null
              ? user
              : user + Prompts.render(retryNote, Map.of("reason", lastReason));
      ChatReply reply = chat.call(system, message);
      promptTokens = sum(promptTokens, reply.promptTokens());
      completionTokens = sum(completionTokens, reply.completionTokens());
      try {
        T value = parse.apply(reply.text());
        AgentCall call =
            new AgentCall(
                agent,
                BACKEND,
                reply.model(),
                Duration.between(start, clock.instant()).toMillis(),
                promptTokens,
                completionTokens,
                reply.reasoning());
        return new Answer<>(value, call);
      } catch (MalformedAnswerException e) {
        lastReason = e.getMessage();
      }
    }
    throw new UnusableAnswerException(
        agent,
        answerAttempts,
        agent
            + " got no usable answer from "
            + chat.endpoint()
            + " in "
            + answerAttempts
            + (answerAttempts == 1 ? " attempt" : " attempts")
            + "; last: "
            + lastReason);
  }

  private static Integer sum(Integer a, Integer b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : a + b;
  }

  @Override
  public void close() {
    chat.close();
  }
}
