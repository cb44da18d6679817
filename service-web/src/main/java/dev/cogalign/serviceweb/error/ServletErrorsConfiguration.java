package dev.cogalign.serviceweb.error;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Problem details where Spring's own handling does not reach: the servlet error dispatch ({@link
 * ServletErrorController}) and Tomcat's report of a request it refused itself ({@link
 * ProblemErrorReportValve}). Imported by every service and the gateway, never auto-configured (in
 * {@code cogalign up} the services share a classpath).
 */
@Configuration(proxyBeanMethods = false)
@Import(ServletErrorController.class)
public class ServletErrorsConfiguration {

  /**
   * The host's error report valve, set while the context is being configured: Spring Boot adds the
   * context to the host first, and the host installs its valve when it starts, afterwards.
   */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
    return factory ->
        factory.addContextCustomizers(
            context -> {
              if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
              }
            });
  }
}
