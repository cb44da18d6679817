package dev.cogalign.verifier.config;

import dev.cogalign.agentllm.LlmVerifier;
import dev.cogalign.crv.agent.Verifier;
import dev.cogalign.crv.rules.RuleVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link Verifier} of this service, of the configured backend. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentProperties.class)
class VerifierConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  Verifier verifier(
      AgentProperties properties, Clock clock, ObjectProvider<ObservationRegistry> observations) {
    return switch (properties.backend()) {
      case RULES -> new RuleVerifier(clock);
      case LLM ->
          LlmVerifier.create(
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
