package dev.cogalign.agentllm;

import dev.cogalign.crv.agent.RethinkRequest;
import dev.cogalign.crv.agent.RethinkResponse;
import dev.cogalign.crv.agent.Rethinker;
import dev.cogalign.crv.agent.RevisionOrigin;
import dev.cogalign.crv.agent.Verdict;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rethinker on a model: extends an EASY CoT or simplifies a HARD one, keeping one step per line
 * and the final-answer line. A rewrite that lost the CoT's final answer is asked for again, then
 * fails with {@link UnusableAnswerException}.
 */
public final class LlmRethinker implements Rethinker, AutoCloseable {
  public static final String AGENT = "rethinker";

  private static final Pattern FENCE = Pattern.compile("^```[\\w-]*\\s*\\n|\\n?```\\s*$");

  private final Asker asker;
  private final String extendSystem = Prompts.load("rethink-extend-system");
  private final String simplifySystem = Prompts.load("rethink-simplify-system");
  private final String user = Prompts.load("rethink-user");

  public LlmRethinker(ResilientChat chat, int answerAttempts, Clock clock) {
    this.asker = new Asker(AGENT, chat, answerAttempts, clock);
  }

  /** A rethinker on the settings' endpoint at the settings' temperature (plain text out). */
  public static LlmRethinker create(LlmAgentSettings settings, Clock clock) {
    return new LlmRethinker(
        ResilientChat.create(settings, settings.temperature(), false, clock),
        settings.answerAttempts(),
        clock);
  }

  /**
   * @throws IllegalArgumentException the verdict is MEDIUM: there is nothing to rethink
   */
  @Override
  public RethinkResponse rethink(RethinkRequest request) {
    RevisionOrigin origin = origin(request.verdict());
    String system = origin == RevisionOrigin.EXTENDED ? extendSystem : simplifySystem;
    String message =
        Prompts.render(
            user,
            Prompts.withProfile(
                request.profile(),
                Map.of("question", request.question().strip(), "cot", request.cot().strip())));
    Optional<String> answer = AnswerCheck.extract(request.cot());
    Asker.Answer<String> rewrite = asker.ask(system, message, text -> keepsAnswer(text, answer));
    return new RethinkResponse(rewrite.value(), origin, rewrite.call());
  }

  /** EXTENDED for EASY, SIMPLIFIED for HARD. */
  public static RevisionOrigin origin(Verdict verdict) {
    return switch (verdict) {
      case EASY -> RevisionOrigin.EXTENDED;
      case HARD -> RevisionOrigin.SIMPLIFIED;
      case MEDIUM ->
          throw new IllegalArgumentException(
              "verdict MEDIUM needs no rethink; only EASY (extend) and HARD (simplify) do");
    };
  }

  private static String keepsAnswer(String text, Optional<String> answer) {
    String cot = FENCE.matcher(text.strip()).replaceAll("").strip();
    if (cot.isEmpty()) {
      throw new MalformedAnswerException("the rewrite is empty");
    }
    if (answer.isPresent()) {
      Optional<String> kept = AnswerCheck.extract(cot);
      if (kept.isEmpty()) {
        throw new MalformedAnswerException(
            "the rewrite has no final-answer line; the original's answer is " + answer.get());
      }
      if (!AnswerCheck.equivalent(kept.get(), answer.get())) {
        throw new MalformedAnswerException(
            "the rewrite's final answer "
                + kept.get()
                + " differs from the original's "
                + answer.get());
      }
    }
    return cot;
  }

  @Override
  public void close() {
    asker.close();
  }
}
