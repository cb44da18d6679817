package dev.cogalign.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.agentllm.testing.ScriptedChatServer;
import dev.cogalign.pipeline.support.AgentServices;
import dev.cogalign.pipeline.support.Datasets;
import dev.cogalign.pipeline.support.PipelineIT;
import dev.cogalign.pipeline.support.Runs;
import dev.cogalign.pipeline.support.ScriptedModel;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A run whose agents use their {@code llm} backend, chosen by the run's {@code backends}, against a
 * chat-completions server: a throttled first call is retried, a problem the model server keeps
 * failing is marked FAILED with the reason, and the run goes on. Model, tokens and latency of every
 * call are stored.
 */
class CrvWithLlmAgentsIT extends PipelineIT {
  private static final int PROBLEMS = 12;
  private static final ScriptedModel MODEL = new ScriptedModel();
  private static final ScriptedChatServer CHAT = ScriptedChatServer.start().otherwise(MODEL);
  private static final AgentServices LLM_AGENTS =
      AgentServices.start(
          "cogalign.agent.backend=llm",
          "cogalign.agent.llm.base-url=" + CHAT.openAiBaseUrl(),
          "cogalign.agent.llm.model=scripted-model",
          "cogalign.agent.llm.resilience.initial-backoff=5ms",
          "cogalign.agent.llm.resilience.max-backoff=20ms",
          "cogalign.agent.llm.resilience.minimum-calls=1000");

  @DynamicPropertySource
  static void agents(DynamicPropertyRegistry registry) {
    LLM_AGENTS.register(registry, "cogalign.agents.backends.llm.");
  }

  @AfterAll
  static void stop() {
    LLM_AGENTS.close();
    CHAT.close();
  }

  @Test
  void runsCrvWithTheLlmBackendMarkingTheProblemTheModelKeepsFailing() throws IOException {
    long dataset = Datasets.ofGsm8kTrain(http(), "gsm8k-llm", 0, PROBLEMS);

    long run = Runs.start(http(), Runs.everyAgentOnTheLlm(dataset));
    JsonNode view = Runs.awaitFinished(http(), run, Duration.ofSeconds(90));

    assertThat(view.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(view.get("counts").get("FAILED").asInt()).isEqualTo(1);
    assertThat(view.get("counts").get("PENDING").asInt()).isZero();
    assertThat(view.get("counts").get("VERIFIED").asInt()).isPositive();
    JsonNode failed = http().get("/api/v1/runs/" + run + "/problems?state=FAILED").json();
    JsonNode failedProblem =
        http()
            .get("/api/v1/problems/" + failed.get("items").get(0).get("problemId").asLong())
            .json();
    assertThat(failedProblem.get("question").asString()).contains(ScriptedModel.FAILING);
    assertThat(failed.get("items").get(0).get("reason").asString())
        .contains("critic")
        .contains("502");
    assertThat(MODEL.errors()).isGreaterThan(1);
    assertThat(CHAT.requestCount()).isGreaterThan(3 * PROBLEMS);

    JsonNode verified =
        http().get("/api/v1/runs/" + run + "/problems?state=VERIFIED&limit=1").json();
    JsonNode problem =
        http()
            .get("/api/v1/problems/" + verified.get("items").get(0).get("problemId").asLong())
            .json();
    JsonNode critique = problem.get("revisions").get(0).get("critiques").get(0);
    assertThat(critique.get("call").get("backend").asString()).isEqualTo("llm");
    assertThat(critique.get("call").get("model").asString()).isEqualTo("scripted-model");
    assertThat(critique.get("call").get("promptTokens").asInt()).isPositive();
    assertThat(http().get("/api/v1/runs/" + run + "/sft").body().lines().count())
        .isEqualTo(view.get("counts").get("VERIFIED").asLong());
  }
}
