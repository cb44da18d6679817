package dev.cogalign.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.pipeline.support.AgentServices;
import dev.cogalign.pipeline.support.Datasets;
import dev.cogalign.pipeline.support.PipelineIT;
import dev.cogalign.pipeline.support.Runs;
import dev.cogalign.testsupport.Http;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** A CRV run over 100 GSM8K train problems against the three agent services over real HTTP. */
class CrvOverAgentServicesIT extends PipelineIT {
  private static final int PROBLEMS = 100;
  private static final AgentServices AGENTS = AgentServices.start();

  @DynamicPropertySource
  static void agents(DynamicPropertyRegistry registry) {
    AGENTS.register(registry, "cogalign.agents.");
  }

  @AfterAll
  static void stopAgents() {
    AGENTS.close();
  }

  @Test
  void runsCrvOverGsm8kThroughTheAgentServices() throws IOException {
    long dataset = Datasets.ofGsm8kTrain(http(), "gsm8k-200", 0, PROBLEMS);

    long started = System.nanoTime();
    long run = Runs.start(http(), Map.of("datasetId", dataset));
    JsonNode view = Runs.awaitFinished(http(), run, Duration.ofSeconds(120));
    double seconds = (System.nanoTime() - started) / 1e9;

    List<JsonNode> pairs = lines("/api/v1/runs/" + run + "/pairs");
    List<JsonNode> sft = lines("/api/v1/runs/" + run + "/sft");
    Map<String, Long> perTask =
        pairs.stream()
            .collect(
                Collectors.groupingBy(p -> p.get("mini_task").asString(), Collectors.counting()));
    System.out.printf(
        "CRV over %d GSM8K problems through the agent services: %.1f s, counts %s, pairs %s, sft %d%n",
        PROBLEMS, seconds, view.get("counts"), perTask, sft.size());

    assertThat(view.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(view.get("total").asInt()).isEqualTo(PROBLEMS);
    assertThat(view.get("counts").get("PENDING").asInt()).isZero();
    assertThat(view.get("counts").get("VERIFIED").asInt()).isGreaterThan(PROBLEMS / 2);
    assertThat(perTask.keySet()).containsExactlyInAnyOrder("ALIGN", "CALIBRATE", "CORRECT");
    assertThat(sft).hasSize(view.get("counts").get("VERIFIED").asInt());
    assertThat(sft)
        .allSatisfy(
            l -> assertThat(l.get("completion").asString()).containsPattern("\n#### \\S+$"));
    assertThat(pairs)
        .allSatisfy(
            p -> {
              assertThat(p.get("chosen").asString()).isNotEqualTo(p.get("rejected").asString());
              assertThat(p.get("prompt").asString()).isNotBlank();
            });
  }

  private List<JsonNode> lines(String path) {
    List<JsonNode> lines = new ArrayList<>();
    http().get(path).body().lines().forEach(line -> lines.add(Http.JSON.readTree(line)));
    return lines;
  }

  @Test
  void recordsAProblemWhoseCotHasNothingToExtendAsRejectedWithTheRethinkersReason() {
    long dataset =
        http()
            .postJson("/api/v1/datasets", Map.of("name", "nothing-to-extend"))
            .json()
            .get("id")
            .asLong();
    String dense =
        Http.JSON.writeValueAsString(
            Map.of(
                "question",
                "Ann buys 2 apples and 3 more, then doubles them as pears. How many pears?",
                "answer",
                "She buys 2 + 3 = <<2+3=5>>5 apples and 5 * 2 = <<5*2=10>>10 pears.\n"
                    + "So Ann has 10 pears in the end.\n#### 10"));
    http().post("/api/v1/datasets/" + dataset + "/problems", "application/x-ndjson", dense);

    long run = Runs.start(http(), Map.of("datasetId", dataset));
    JsonNode view = Runs.awaitFinished(http(), run, Duration.ofSeconds(60));
    assertThat(view.get("counts").get("REJECTED").asInt()).isEqualTo(1);
    assertThat(view.get("counts").get("FAILED").asInt()).isZero();
    JsonNode rejected = http().get("/api/v1/runs/" + run + "/problems?state=REJECTED").json();
    assertThat(rejected.get("items").get(0).get("reason").asString())
        .startsWith("the EASY original: rethinker: nothing to extend");
  }
}
