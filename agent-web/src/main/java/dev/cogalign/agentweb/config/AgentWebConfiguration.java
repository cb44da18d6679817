package dev.cogalign.agentweb.config;

import dev.cogalign.agentweb.error.ApiExceptionHandler;
import dev.cogalign.serviceweb.error.ServletErrorsConfiguration;
import dev.cogalign.serviceweb.internal.InternalAccessConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What every agent service has besides its agent: {@code cogalign.agent.*} properties, the clock,
 * token-usage meters, the request size limit, the problem-details advice and the internal token
 * required of {@code /api/**}. Imported by the backend configurations ({@link
 * CriticBackendConfiguration} and its siblings), never auto-configured: the services share one
 * classpath in the launcher.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentProperties.class)
@Import({
  ApiExceptionHandler.class,
  InternalAccessConfiguration.class,
  ServletErrorsConfiguration.class
})
public class AgentWebConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Token-usage meters ({@code gen_ai_client_token_usage}) of the llm backend's model calls. */
  @Bean
  ChatModelMeterObservationHandler chatModelMeters(MeterRegistry meters) {
    return new ChatModelMeterObservationHandler(meters);
  }

  @Bean
  RequestSizeFilter requestSizeFilter(AgentProperties properties) {
    return new RequestSizeFilter(properties.maxRequestBytes());
  }
}
