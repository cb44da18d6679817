package dev.cogalign.agentweb.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.agentllm.LlmCritic;
import dev.cogalign.agentllm.LlmVerifier;
import dev.cogalign.crv.agent.Critic;
import dev.cogalign.crv.agent.Rethinker;
import dev.cogalign.crv.agent.Verifier;
import dev.cogalign.crv.rules.RuleCritic;
import dev.cogalign.crv.rules.RuleRethinker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class BackendConfigurationTest {
  final ApplicationContextRunner contexts =
      new ApplicationContextRunner().withBean(MeterRegistry.class, SimpleMeterRegistry::new);

  @Test
  void createsTheRuleAgentByDefaultWithTheDefaultSizeLimit() {
    contexts
        .withUserConfiguration(CriticBackendConfiguration.class)
        .run(
            context -> {
              assertThat(context.getBean(Critic.class)).isInstanceOf(RuleCritic.class);
              assertThat(context.getBean(AgentProperties.class).maxRequestBytes())
                  .isEqualTo(AgentProperties.DEFAULT_MAX_REQUEST_BYTES);
            });
    contexts
        .withUserConfiguration(RethinkerBackendConfiguration.class)
        .run(
            context ->
                assertThat(context.getBean(Rethinker.class)).isInstanceOf(RuleRethinker.class));
  }

  @Test
  void createsTheLlmAgentWhenTheBackendIsLlm() {
    contexts
        .withUserConfiguration(VerifierBackendConfiguration.class, CriticBackendConfiguration.class)
        .withPropertyValues(
            "cogalign.agent.backend=llm", "cogalign.agent.llm.base-url=http://localhost:9")
        .run(
            context -> {
              assertThat(context.getBean(Verifier.class)).isInstanceOf(LlmVerifier.class);
              assertThat(context.getBean(Critic.class)).isInstanceOf(LlmCritic.class);
            });
  }

  @Test
  void createsOnlyTheAgentOfTheImportedConfiguration() {
    contexts
        .withUserConfiguration(CriticBackendConfiguration.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(Critic.class);
              assertThat(context).doesNotHaveBean(Rethinker.class);
              assertThat(context).doesNotHaveBean(Verifier.class);
            });
  }

  @Test
  void refusesAnUnknownBackend() {
    contexts
        .withUserConfiguration(CriticBackendConfiguration.class)
        .withPropertyValues("cogalign.agent.backend=oracle")
        .run(
            context -> assertThat(context).getFailure().rootCause().hasMessageContaining("oracle"));
  }
}
