package dev.cogalign.agentweb.config;

import dev.cogalign.agentllm.LlmRethinker;
import dev.cogalign.crv.agent.Rethinker;
import dev.cogalign.crv.rules.RuleRethinker;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The one {@link Rethinker} of an agent service, of the configured backend, with the shared web
 * setup.
 */
@Configuration(proxyBeanMethods = false)
@Import(AgentWebConfiguration.class)
public class RethinkerBackendConfiguration {

  @Bean
  Rethinker rethinker(
      AgentProperties properties, Clock clock, ObjectProvider<ObservationRegistry> observations) {
    return AgentBackends.select(
        properties, clock, observations, RuleRethinker::new, LlmRethinker::create);
  }
}
