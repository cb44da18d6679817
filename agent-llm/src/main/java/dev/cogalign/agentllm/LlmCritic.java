package dev.cogalign.agentllm;

import dev.cogalign.crv.agent.Critic;
import dev.cogalign.crv.agent.CritiqueRequest;
import dev.cogalign.crv.agent.CritiqueResponse;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.Map;

/**
 * The critic on a model: judges a CoT from the student's point of view at temperature 0 and answers
 * with a structured verdict; an unusable verdict is asked for again, then fails with {@link
 * UnusableAnswerException}.
 */
public final class LlmCritic implements Critic, AutoCloseable {
  public static final String AGENT = "critic";
  public static final double TEMPERATURE = 0.0;

  private final Asker asker;
  private final String system = Prompts.load("critic-system");
  private final String user = Prompts.load("critic-user");

  public LlmCritic(ResilientChat chat, int answerAttempts, Clock clock) {
    this.asker = new Asker(AGENT, chat, answerAttempts, clock);
  }

  /** A critic on the settings' endpoint, JSON mode on when the settings allow it. */
  public static LlmCritic create(LlmAgentSettings settings, Clock clock) {
    return create(settings, clock, ObservationRegistry.NOOP);
  }

  /** The same, its model calls observed on the registry (Spring AI's metrics and traces). */
  public static LlmCritic create(
      LlmAgentSettings settings, Clock clock, ObservationRegistry observations) {
    return new LlmCritic(
        ResilientChat.create(settings, TEMPERATURE, true, clock, observations),
        settings.answerAttempts(),
        clock);
  }

  @Override
  public CritiqueResponse critique(CritiqueRequest request) {
    String message =
        Prompts.render(
            user,
            Prompts.withProfile(
                request.profile(),
                Map.of(
                    "question",
                    request.question().strip(),
                    "cot",
                    Prompts.numberedSteps(request.cot()))));
    Asker.Answer<VerdictParser.ParsedVerdict> answer =
        asker.ask(system, message, VerdictParser::parse);
    return new CritiqueResponse(answer.value().verdict(), answer.value().reasons(), answer.call());
  }

  @Override
  public void close() {
    asker.close();
  }
}
