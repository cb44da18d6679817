package dev.cogalign.pipeline.agent;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the agent services are ({@code cogalign.agents.*}): directly, by service name, or through
 * the gateway. {@code unavailable-timeout} bounds how long a call retries an agent service that
 * cannot be reached (a restart, say) before it fails. The top-level URLs serve the default backend
 * ({@code rules}); {@code backends} names further sets of agent URLs that a run may choose, such as
 * {@code llm}.
 */
@ConfigurationProperties("cogalign.agents")
public record AgentsProperties(
    String criticUrl,
    String rethinkUrl,
    String verifierUrl,
    Duration connectTimeout,
    Duration readTimeout,
    Duration unavailableTimeout,
    Map<String, AgentUrls> backends) {
  public static final String DEFAULT_CRITIC_URL = "http://localhost:8082";
  public static final String DEFAULT_RETHINK_URL = "http://localhost:8083";
  public static final String DEFAULT_VERIFIER_URL = "http://localhost:8084";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** An LLM agent retries inside its service; this bounds the whole call, retries included. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);

  /**
   * How long a call waits, retrying, for an agent service that cannot be reached (refused or
   * dropped connections, 503): about the time a restarted service takes to come back.
   */
  public static final Duration DEFAULT_UNAVAILABLE_TIMEOUT = Duration.ofMinutes(2);

  /** One set of agent URLs; a missing URL falls back to the top-level one. */
  public record AgentUrls(String criticUrl, String rethinkUrl, String verifierUrl) {}

  public AgentsProperties {
    criticUrl = criticUrl == null ? DEFAULT_CRITIC_URL : criticUrl;
    rethinkUrl = rethinkUrl == null ? DEFAULT_RETHINK_URL : rethinkUrl;
    verifierUrl = verifierUrl == null ? DEFAULT_VERIFIER_URL : verifierUrl;
    connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
    readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
    unavailableTimeout =
        unavailableTimeout == null ? DEFAULT_UNAVAILABLE_TIMEOUT : unavailableTimeout;
    backends = backends == null ? Map.of() : Map.copyOf(backends);
  }
}
