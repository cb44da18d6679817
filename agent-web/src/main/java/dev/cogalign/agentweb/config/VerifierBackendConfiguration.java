package dev.cogalign.agentweb.config;

import dev.cogalign.agentllm.LlmVerifier;
import dev.cogalign.crv.agent.Verifier;
import dev.cogalign.crv.rules.RuleVerifier;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The one {@link Verifier} of an agent service, of the configured backend, with the shared web
 * setup.
 */
@Configuration(proxyBeanMethods = false)
@Import(AgentWebConfiguration.class)
public class VerifierBackendConfiguration {

  @Bean
  Verifier verifier(
      AgentProperties properties, Clock clock, ObjectProvider<ObservationRegistry> observations) {
    return AgentBackends.select(
        properties, clock, observations, RuleVerifier::new, LlmVerifier::create);
  }
}
