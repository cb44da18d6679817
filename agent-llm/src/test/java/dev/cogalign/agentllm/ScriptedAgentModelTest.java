package dev.cogalign.agentllm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.agentllm.testing.ScriptedAgentModel;
import dev.cogalign.agentllm.testing.ScriptedChatServer;
import dev.cogalign.crv.agent.CritiqueRequest;
import dev.cogalign.crv.agent.RethinkRequest;
import dev.cogalign.crv.agent.RethinkResponse;
import dev.cogalign.crv.agent.Verdict;
import dev.cogalign.crv.agent.VerificationRequest;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScriptedAgentModelTest {
  @Test
  void playsAllThreeAgentsThroughTheRealClients() {
    try (ScriptedChatServer server = ScriptedChatServer.start()) {
      server.otherwise(
          new ScriptedAgentModel(
              cot -> cot.contains("[3]") ? "MEDIUM" : "EASY", Duration.ofMillis(1)));
      LlmAgentSettings settings =
          LlmAgentSettings.of(LlmProvider.OPENAI, server.openAiBaseUrl(), "m")
              .withResilience(ResilientChatTest.FAST);
      Clock clock = Clock.systemUTC();
      try (LlmCritic critic = LlmCritic.create(settings, clock);
          LlmRethinker rethinker = LlmRethinker.create(settings, clock);
          LlmVerifier verifier = LlmVerifier.create(settings, clock)) {

        Verdict verdict =
            critic
                .critique(new CritiqueRequest(LlmCriticTest.QUESTION, LlmCriticTest.COT, null))
                .verdict();
        RethinkResponse rewrite =
            rethinker.rethink(
                new RethinkRequest(LlmCriticTest.QUESTION, LlmCriticTest.COT, verdict, null));
        boolean correct =
            verifier
                .verify(new VerificationRequest(LlmCriticTest.QUESTION, "72", rewrite.cot()))
                .correct();

        assertThat(verdict).isEqualTo(Verdict.EASY);
        assertThat(rewrite.cot()).startsWith("Let us go step by step.\n").endsWith("#### 72");
        assertThat(correct).isTrue();
        assertThat(server.requestCount()).isEqualTo(3);
      }
    }
  }
}
