package dev.cogalign.serviceweb.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The internal token of a service behind the gateway: the filter that requires it of {@code
 * /api/**} and the interceptor that sends it to the other services. Imported by each service (never
 * auto-configured: in the launcher the gateway shares the classpath and must not get the filter).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InternalProperties.class)
public class InternalAccessConfiguration {

  private static final Logger log = LoggerFactory.getLogger(InternalAccessConfiguration.class);

  @Bean
  FilterRegistrationBean<InternalTokenFilter> internalTokenFilter(InternalProperties properties) {
    if (!properties.tokenConfigured()) {
      log.warn(
          "No internal token (cogalign.internal.token, COGALIGN_INTERNAL_TOKEN): /api/** of this"
              + " service is open to anyone who reaches its port");
    }
    FilterRegistrationBean<InternalTokenFilter> registration =
        new FilterRegistrationBean<>(new InternalTokenFilter(properties.token()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  InternalTokenInterceptor internalTokenInterceptor(InternalProperties properties) {
    return new InternalTokenInterceptor(properties);
  }
}
