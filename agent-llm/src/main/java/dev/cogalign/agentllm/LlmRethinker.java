package dev.cogalign.agentllm;

import dev.cogalign.crv.agent.RethinkRequest;
import dev.cogalign.crv.agent.RethinkResponse;
import dev.cogalign.crv.agent.Rethinker;
import dev.cogalign.crv.agent.RevisionOrigin;
import dev.cogalign.crv.agent.Verdict;
import dev.cogalign.crv.cot.Boxed;
import dev.cogalign.crv.cot.CotParser;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rethinker on a model: extends an EASY CoT or simplifies a HARD one, keeping one step per line
 * and the final answer in its form ({@code ####} line or {@code \boxed{}}). A rewrite that lost or
 * changed the final answer is asked for again, then fails with {@link UnusableAnswerException}.
 */
public final class LlmRethinker implements Rethinker, AutoCloseable {
  public static final String AGENT = "rethinker";

  private static final Pattern FENCE = Pattern.compile("^```[\\w-]*\\s*\\n|\\n?```\\s*$");
  private static final Pattern ANSWER_LINE =
      Pattern.compile("(?m)^\\s*" + Pattern.quote(CotParser.ANSWER_MARKER));

  private final Asker asker;
  private final String extendSystem = Prompts.load("rethink-extend-system");
  private final String simplifySystem = Prompts.load("rethink-simplify-system");
  private final String user = Prompts.load("rethink-user");

  public LlmRethinker(ResilientChat chat, int answerAttempts, Clock clock) {
    this.asker = new Asker(AGENT, chat, answerAttempts, clock);
  }

  /** A rethinker on the settings' endpoint at the settings' temperature (plain text out). */
  public static LlmRethinker create(LlmAgentSettings settings, Clock clock) {
    return create(settings, clock, ObservationRegistry.NOOP);
  }

  /** The same, its model calls observed on the registry (Spring AI's metrics and traces). */
  public static LlmRethinker create(
      LlmAgentSettings settings, Clock clock, ObservationRegistry observations) {
    return new LlmRethinker(
        ResilientChat.create(settings, settings.temperature(), false, clock, observations),
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
    FinalAnswer original = FinalAnswer.of(request.cot());
    Asker.Answer<String> rewrite = asker.ask(system, message, original::keptBy);
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

  /** The original CoT's final answer and the form it is written in. */
  private record FinalAnswer(Optional<String> answer, boolean gsm8kLine, boolean boxed) {
    static FinalAnswer of(String cot) {
      boolean gsm8k = ANSWER_LINE.matcher(cot).find();
      return new FinalAnswer(
          AnswerCheck.extract(cot), gsm8k, !gsm8k && Boxed.last(cot).isPresent());
    }

    /** The rewrite without code fences, when it keeps this answer in this form. */
    String keptBy(String text) {
      String cot = FENCE.matcher(text.strip()).replaceAll("").strip();
      if (cot.isEmpty()) {
        throw new MalformedAnswerException("the rewrite is empty");
      }
      if (answer.isEmpty()) {
        return cot;
      }
      if (gsm8kLine && !ANSWER_LINE.matcher(cot).find()) {
        throw new MalformedAnswerException(
            "the rewrite has no final-answer line \"#### " + answer.get() + "\"");
      }
      if (boxed && Boxed.last(cot).isEmpty()) {
        throw new MalformedAnswerException(
            "the rewrite has no final answer in \\boxed{" + answer.get() + "}");
      }
      Optional<String> kept = AnswerCheck.extract(cot);
      if (kept.isEmpty()) {
        throw new MalformedAnswerException(
            "the rewrite has no final answer; the original's is " + answer.get());
      }
      if (!AnswerCheck.equivalent(kept.get(), answer.get())) {
        throw new MalformedAnswerException(
            "the rewrite's final answer "
                + kept.get()
                + " differs from the original's "
                + answer.get());
      }
      return cot;
    }
  }

  @Override
  public void close() {
    asker.close();
  }
}
