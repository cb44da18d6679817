package dev.cogalign.verifier.config;

import dev.cogalign.agentllm.LlmVerifier;
import dev.cogalign.crv.agent.Verifier;
import dev.cogalign.crv.rules.RuleVerifier;
import java.time.Clock;
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
  Verifier verifier(AgentProperties properties, Clock clock) {
    return switch (properties.backend()) {
      case RULES -> new RuleVerifier(clock);
      case LLM -> LlmVerifier.create(properties.llm(), clock);
    };
  }

  @Bean
  RequestSizeFilter requestSizeFilter(AgentProperties properties) {
    return new RequestSizeFilter(properties.maxRequestBytes());
  }
}
