package dev.cogalign.gateway.proxy;

import org.apache.hc.core5.util.TimeValue;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP client the gateway proxies with: Apache HttpClient 5, blocking, with a pool of
 * kept-alive connections per service ({@code spring.http.clients.imperative.factory:
 * http-components} in gateway.yml; Spring Boot builds it with the {@code spring.http.clients.*}
 * timeouts and Spring Cloud Gateway uses it for every route).
 *
 * <p>Chosen by measurement (docs/benchmarks.md, issue 13): the JDK client the gateway used before
 * completes every exchange on its own selector thread and hands it back to the request's thread, a
 * cost paid on every proxied call; HttpClient's pool defaults (5 connections per service) would
 * queue a dashboard's and a worker's concurrent calls behind each other, so the pool is sized to
 * the servlet container's threads.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProxyClientProperties.class)
class ProxyClientConfiguration {

  @Bean
  ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder>
      proxyConnectionPool(ProxyClientProperties properties) {
    return builder ->
        builder
            .withConnectionManagerCustomizer(
                pool ->
                    pool.setMaxConnPerRoute(properties.maxConnectionsPerService())
                        .setMaxConnTotal(properties.maxConnectionsPerService() * SERVICES))
            // a connection the service has closed while idle is found before a request is sent
            // on it, not by the request (a POST is not repeated)
            .withConnectionConfigCustomizer(
                connection ->
                    connection.setValidateAfterInactivity(
                        TimeValue.of(properties.validateAfterInactivity())))
            .withHttpClientCustomizer(
                client -> client.evictIdleConnections(TimeValue.of(properties.evictIdleAfter())));
  }

  /** pipeline, critic, rethink, verifier and trainer. */
  private static final int SERVICES = 5;
}
