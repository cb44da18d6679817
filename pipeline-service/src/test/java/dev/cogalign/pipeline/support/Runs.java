package dev.cogalign.pipeline.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.Http.Response;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;

/** A CRV run started through the API and awaited by polling its view, as a client would. */
public final class Runs {

  /** The statuses after which a run does nothing more. */
  private static final Set<String> FINISHED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

  private static final Duration POLL = Duration.ofMillis(100);

  private Runs() {}

  /** Creates a run of {@code request} (201 asserted); its id. */
  public static long start(Http http, Map<String, ?> request) {
    Response created = http.postJson("/api/v1/runs", request);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asLong();
  }

  /** A run request over {@code dataset} with the LLM backend for critic, rethinker and verifier. */
  public static Map<String, Object> everyAgentOnTheLlm(long dataset) {
    return Map.of(
        "datasetId",
        dataset,
        "backends",
        Map.of("critic", "llm", "rethinker", "llm", "verifier", "llm"));
  }

  /** The run's status now. */
  private static String status(Http http, long run) {
    return view(http, run).get("status").asString();
  }

  /** Waits up to {@code atMost} for the run to finish; its view then. */
  public static JsonNode awaitFinished(Http http, long run, Duration atMost) {
    return awaitFinished(http, run, atMost, () -> true);
  }

  /**
   * Waits up to {@code atMost} for the run to finish and for {@code settled} to hold as well (say,
   * that no worker of this service still holds it); its view then.
   */
  public static JsonNode awaitFinished(
      Http http, long run, Duration atMost, BooleanSupplier settled) {
    await()
        .atMost(atMost)
        .pollInterval(POLL)
        .until(() -> settled.getAsBoolean() && FINISHED.contains(status(http, run)));
    return view(http, run);
  }

  private static JsonNode view(Http http, long run) {
    return http.get("/api/v1/runs/" + run).json();
  }
}
