package dev.cogalign.pipeline.agent;

import dev.cogalign.crv.agent.AgentCall;
import dev.cogalign.crv.agent.AgentException;
import dev.cogalign.crv.agent.Critic;
import dev.cogalign.crv.agent.CritiqueResponse;
import dev.cogalign.crv.agent.NothingToRewriteException;
import dev.cogalign.crv.agent.RethinkRequest;
import dev.cogalign.crv.agent.RethinkResponse;
import dev.cogalign.crv.agent.Rethinker;
import dev.cogalign.crv.agent.VerificationRequest;
import dev.cogalign.crv.agent.VerificationResponse;
import dev.cogalign.crv.agent.Verifier;
import dev.cogalign.pipeline.error.BadRequestException;
import dev.cogalign.pipeline.run.Backends;
import dev.cogalign.pipeline.student.StudentCritic;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The critic, rethinker and verifier services over HTTP: {@code POST /api/v1/critiques}, {@code
 * /api/v1/rethinks}, {@code /api/v1/verifications} with the crv-core DTOs. A failed call (after the
 * agent service's own retries) surfaces as an {@link AgentException} naming the agent and why; a
 * 422 (the rethinker found nothing to rewrite) as a {@link NothingToRewriteException} with the
 * service's detail. An agent service that cannot be reached (its process restarting, say) is asked
 * again with a growing pause until {@code cogalign.agents.unavailable-timeout}: see {@link
 * AgentUnavailable}. Every call carries the platform's internal token.
 */
@Component
public class AgentServices {
  static final String CRITIQUES = "/api/v1/critiques";
  static final String RETHINKS = "/api/v1/rethinks";
  static final String VERIFICATIONS = "/api/v1/verifications";

  /** Timer of every agent call as the pipeline sees it, tagged agent and outcome. */
  public static final String CALL_METRIC = "cogalign.agent.call";

  /** The pipeline's own share of an agent call: its wall time less the agent's reported latency. */
  public static final String OVERHEAD_METRIC = "cogalign.agent.overhead";

  private static final int UNPROCESSABLE = 422;

  private final AgentsProperties properties;
  private final PeerClients peers;
  private final MeterRegistry meters;
  private final Map<String, RestClient> clients = new ConcurrentHashMap<>();

  AgentServices(AgentsProperties properties, PeerClients peers, MeterRegistry meters) {
    this.properties = properties;
    this.peers = peers;
    this.meters = meters;
  }

  /**
   * Fails with a 400 naming the allowed backends when a run names one not configured; the critic
   * may also be {@link StudentCritic#BACKEND}, which pipeline-service runs itself.
   */
  public void check(Backends backends) {
    if (!StudentCritic.BACKEND.equals(backends.critic())) {
      url(backends.critic(), "backends.critic", Agent.CRITIC);
    }
    url(backends.rethinker(), "backends.rethinker", Agent.RETHINKER);
    url(backends.verifier(), "backends.verifier", Agent.VERIFIER);
  }

  public Critic critic(Backends backends) {
    String url = url(backends.critic(), "backends.critic", Agent.CRITIC);
    return request ->
        post(url, CRITIQUES, "critic", request, CritiqueResponse.class, CritiqueResponse::call);
  }

  public Rethinker rethinker(Backends backends) {
    String url = url(backends.rethinker(), "backends.rethinker", Agent.RETHINKER);
    return (RethinkRequest request) ->
        post(url, RETHINKS, "rethinker", request, RethinkResponse.class, RethinkResponse::call);
  }

  public Verifier verifier(Backends backends) {
    String url = url(backends.verifier(), "backends.verifier", Agent.VERIFIER);
    return (VerificationRequest request) ->
        post(
            url,
            VERIFICATIONS,
            "verifier",
            request,
            VerificationResponse.class,
            VerificationResponse::call);
  }

  private <T> T post(
      String base,
      String path,
      String agent,
      Object request,
      Class<T> type,
      Function<T, AgentCall> provenance) {
    RestClient client = clients.computeIfAbsent(base, peers::of);
    long started = System.nanoTime();
    String outcome = "error";
    try {
      T body =
          AgentUnavailable.retrying(
              agent + " at " + base,
              properties.unavailableTimeout(),
              () -> client.post().uri(path).body(request).retrieve().body(type));
      if (body == null) {
        throw new AgentException(agent + " at " + base + " answered with an empty body");
      }
      outcome = "ok";
      AgentCall call = provenance.apply(body);
      if (call != null) {
        long wallMillis = (System.nanoTime() - started) / 1_000_000;
        DistributionSummary.builder(OVERHEAD_METRIC)
            .baseUnit("milliseconds")
            .tag("agent", agent)
            .publishPercentiles(0.5, 0.99)
            .register(meters)
            .record(Math.max(0, wallMillis - call.latencyMillis()));
      }
      return body;
    } catch (RestClientResponseException e) {
      if (e.getStatusCode().value() == UNPROCESSABLE) {
        outcome = "nothing-to-rewrite";
        throw new NothingToRewriteException(agent + ": " + detail(e), e);
      }
      throw new AgentException(
          agent
              + " at "
              + base
              + " answered "
              + e.getStatusCode().value()
              + ": "
              + abbreviate(e.getResponseBodyAsString()),
          e);
    } catch (RestClientException e) {
      throw new AgentException(agent + " at " + base + " failed: " + e.getMessage(), e);
    } finally {
      Timer.builder(CALL_METRIC)
          .tag("agent", agent)
          .tag("outcome", outcome)
          .publishPercentiles(0.5, 0.99)
          .register(meters)
          .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
  }

  private static String detail(RestClientResponseException e) {
    try {
      ProblemDetail problem = e.getResponseBodyAs(ProblemDetail.class);
      if (problem != null && problem.getDetail() != null) {
        return abbreviate(problem.getDetail());
      }
    } catch (RuntimeException unreadable) {
      // not a problem document: the raw body below
    }
    return abbreviate(e.getResponseBodyAsString());
  }

  private static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "…";
  }

  private enum Agent {
    CRITIC,
    RETHINKER,
    VERIFIER
  }

  private String url(String backend, String field, Agent agent) {
    if (Backends.DEFAULT_BACKEND.equals(backend) && !properties.backends().containsKey(backend)) {
      return top(agent);
    }
    AgentsProperties.AgentUrls urls = properties.backends().get(backend);
    if (urls == null) {
      TreeSet<String> allowed = new TreeSet<>(properties.backends().keySet());
      allowed.add(Backends.DEFAULT_BACKEND);
      if (agent == Agent.CRITIC) {
        allowed.add(StudentCritic.BACKEND);
      }
      throw new BadRequestException(
          field, "unknown backend '" + backend + "'; allowed: " + String.join(", ", allowed));
    }
    String url =
        switch (agent) {
          case CRITIC -> urls.criticUrl();
          case RETHINKER -> urls.rethinkUrl();
          case VERIFIER -> urls.verifierUrl();
        };
    return url == null ? top(agent) : url;
  }

  private String top(Agent agent) {
    return switch (agent) {
      case CRITIC -> properties.criticUrl();
      case RETHINKER -> properties.rethinkUrl();
      case VERIFIER -> properties.verifierUrl();
    };
  }
}
