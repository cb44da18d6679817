package dev.cogalign.agentweb.config;

import dev.cogalign.agentllm.LlmAgentSettings;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;

/** Builds an agent of the backend named by {@code cogalign.agent.backend}. */
final class AgentBackends {
  private AgentBackends() {}

  /** How the llm backend of one agent is created (e.g. {@code LlmCritic::create}). */
  @FunctionalInterface
  interface LlmFactory<A> {
    A create(LlmAgentSettings settings, Clock clock, ObservationRegistry observations);
  }

  static <A> A select(
      AgentProperties properties,
      Clock clock,
      ObjectProvider<ObservationRegistry> observations,
      Function<Clock, A> rules,
      LlmFactory<A> llm) {
    return switch (properties.backend()) {
      case RULES -> rules.apply(clock);
      case LLM ->
          llm.create(
              properties.llm(), clock, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    };
  }
}
