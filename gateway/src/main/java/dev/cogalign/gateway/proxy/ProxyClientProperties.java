package dev.cogalign.gateway.proxy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cogalign.gateway.proxy.*}: the pool of connections the gateway keeps to each service.
 *
 * @param maxConnectionsPerService connections kept to one service at most (concurrent proxied calls
 *     beyond it wait for one); default 200, the gateway's Tomcat threads
 * @param validateAfterInactivity a pooled connection idle this long is checked before it is used
 * @param evictIdleAfter a pooled connection idle this long is closed (below the services' Tomcat
 *     keep-alive of 60 s, so the gateway closes first)
 */
@ConfigurationProperties("cogalign.gateway.proxy")
record ProxyClientProperties(
    Integer maxConnectionsPerService, Duration validateAfterInactivity, Duration evictIdleAfter) {

  ProxyClientProperties {
    maxConnectionsPerService = maxConnectionsPerService == null ? 200 : maxConnectionsPerService;
    validateAfterInactivity =
        validateAfterInactivity == null ? Duration.ofSeconds(2) : validateAfterInactivity;
    evictIdleAfter = evictIdleAfter == null ? Duration.ofSeconds(30) : evictIdleAfter;
    if (maxConnectionsPerService < 1) {
      throw new IllegalArgumentException(
          "cogalign.gateway.proxy.max-connections-per-service must be at least 1");
    }
  }
}
