package dev.cogalign.critic.config;

import dev.cogalign.agentllm.LlmCritic;
import dev.cogalign.crv.agent.Critic;
import dev.cogalign.crv.rules.RuleCritic;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link Critic} of this service, of the configured backend. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentProperties.class)
class CriticConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  Critic critic(AgentProperties properties, Clock clock) {
    return switch (properties.backend()) {
      case RULES -> new RuleCritic(clock);
      case LLM -> LlmCritic.create(properties.llm(), clock);
    };
  }

  @Bean
  RequestSizeFilter requestSizeFilter(AgentProperties properties) {
    return new RequestSizeFilter(properties.maxRequestBytes());
  }
}
