package dev.cogalign.pipeline.agent;

import dev.cogalign.pipeline.run.RunProperties;
import dev.cogalign.serviceweb.internal.InternalTokenInterceptor;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client pipeline-service calls the other services with: the three agents and, for the
 * student critic, trainer-service. One client for all of them, with the agents' timeouts ({@code
 * cogalign.agents.connect-timeout}, {@code read-timeout}) and the internal token.
 *
 * <p>Blocking Apache HttpClient 5: a call, its body and its answer stay on the worker's thread (the
 * JDK HttpClient hands each to other threads), over kept-alive connections, one per worker and
 * service (HttpURLConnection keeps 5 per service: more workers opened a connection per call), with
 * TCP_NODELAY (HttpURLConnection sends a request's body after its headers without it, and the
 * peer's delayed acknowledgement can hold the body ~40 ms; docs/benchmarks.md, issue 13).
 */
@Component
public class PeerClients {
  /** critic, rethink, verifier and trainer. */
  private static final int PEERS = 4;

  private final RestClient.Builder builder;

  PeerClients(
      AgentsProperties properties,
      RunProperties runs,
      RestClient.Builder builder,
      InternalTokenInterceptor internalToken) {
    ClientHttpRequestFactory factory =
        ClientHttpRequestFactoryBuilder.httpComponents()
            .withConnectionManagerCustomizer(
                pool ->
                    pool.setMaxConnPerRoute(runs.workers()).setMaxConnTotal(runs.workers() * PEERS))
            .build(
                HttpClientSettings.defaults()
                    .withTimeouts(properties.connectTimeout(), properties.readTimeout()));
    this.builder = builder.clone().requestFactory(factory).requestInterceptor(internalToken);
  }

  /** A client of the service at {@code baseUrl}. */
  public RestClient of(String baseUrl) {
    return builder.clone().baseUrl(baseUrl).build();
  }
}
