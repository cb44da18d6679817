package dev.cogalign.rethink.config;

import dev.cogalign.agentllm.LlmRethinker;
import dev.cogalign.crv.agent.Rethinker;
import dev.cogalign.crv.rules.RuleRethinker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link Rethinker} of this service, of the configured backend. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentProperties.class)
class RethinkConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  Rethinker rethinker(
      AgentProperties properties, Clock clock, ObjectProvider<ObservationRegistry> observations) {
    return switch (properties.backend()) {
      case RULES -> new RuleRethinker(clock);
      case LLM ->
          LlmRethinker.create(
              properties.llm(), clock, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    };
  }

  /** Token-usage meters ({@code gen_ai_client_token_usage}) of the llm backend's model calls. */
  @Bean
  ChatModelMeterObservationHandler chatModelMeters(MeterRegistry meters) {
    return new ChatModelMeterObservationHandler(meters);
  }

  @Bean
  RequestSizeFilter requestSizeFilter(AgentProperties properties) {
    return new RequestSizeFilter(properties.maxRequestBytes());
  }
}
