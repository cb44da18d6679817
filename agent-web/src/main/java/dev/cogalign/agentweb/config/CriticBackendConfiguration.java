package dev.cogalign.agentweb.config;

import dev.cogalign.agentllm.LlmCritic;
import dev.cogalign.crv.agent.Critic;
import dev.cogalign.crv.rules.RuleCritic;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The one {@link Critic} of an agent service, of the configured backend, with the shared web setup.
 */
@Configuration(proxyBeanMethods = false)
@Import(AgentWebConfiguration.class)
public class CriticBackendConfiguration {

  @Bean
  Critic critic(
      AgentProperties properties, Clock clock, ObjectProvider<ObservationRegistry> observations) {
    return AgentBackends.select(
        properties, clock, observations, RuleCritic::new, LlmCritic::create);
  }
}
