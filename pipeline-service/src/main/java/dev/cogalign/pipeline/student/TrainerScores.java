package dev.cogalign.pipeline.student;

import dev.cogalign.crv.agent.AgentException;
import dev.cogalign.pipeline.agent.AgentUnavailable;
import dev.cogalign.pipeline.agent.AgentsProperties;
import dev.cogalign.pipeline.agent.PeerClients;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * trainer-service over HTTP, with the platform's internal token: whether a model is registered
 * ({@code GET /api/v1/models/{id}}) and a CoT's per-step NLL under it ({@code POST
 * /api/v1/models/{id}/score}). A trainer-service that cannot be reached is asked again like an
 * agent service ({@link AgentUnavailable}, for {@code cogalign.agents.unavailable-timeout}); then,
 * or on any failed answer, an {@link AgentException} naming the model and why.
 */
@Component
public class TrainerScores {
  private final RestClient client;
  private final String url;
  private final AgentsProperties agents;

  TrainerScores(StudentCriticProperties properties, AgentsProperties agents, PeerClients peers) {
    this.url = properties.trainerUrl();
    this.agents = agents;
    this.client = peers.of(url);
  }

  /** Whether trainer-service has a model with this id; fails when it cannot be asked. */
  public boolean registered(long modelId) {
    try {
      AgentUnavailable.retrying(
          "trainer-service at " + url,
          agents.unavailableTimeout(),
          () -> client.get().uri("/api/v1/models/{id}", modelId).retrieve().toBodilessEntity());
      return true;
    } catch (RestClientResponseException e) {
      if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
        return false;
      }
      throw failure(modelId, e);
    } catch (RestClientException e) {
      throw failure(modelId, e);
    }
  }

  /** The NLL of each non-blank line of {@code cot} under the model, given the question. */
  public CotScore score(long modelId, String question, String cot) {
    try {
      CotScore score =
          AgentUnavailable.retrying(
              "trainer-service at " + url,
              agents.unavailableTimeout(),
              () ->
                  client
                      .post()
                      .uri("/api/v1/models/{id}/score", modelId)
                      .body(Map.of("question", question, "cot", cot))
                      .retrieve()
                      .body(CotScore.class));
      if (score == null) {
        throw new AgentException("trainer-service at " + url + " answered with an empty score");
      }
      return score;
    } catch (RestClientException e) {
      throw failure(modelId, e);
    }
  }

  private AgentException failure(long modelId, RestClientException e) {
    String why =
        e instanceof RestClientResponseException answered
            ? "answered " + answered.getStatusCode().value() + ": " + abbreviate(answered)
            : "failed: " + e.getMessage();
    return new AgentException(
        "student critic: trainer-service at " + url + " (model " + modelId + ") " + why, e);
  }

  private static String abbreviate(RestClientResponseException e) {
    String body = e.getResponseBodyAsString();
    return body.length() <= 500 ? body : body.substring(0, 500) + "…";
  }
}
