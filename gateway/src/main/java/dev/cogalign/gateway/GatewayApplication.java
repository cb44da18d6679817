package dev.cogalign.gateway;

import dev.cogalign.serviceweb.error.ServletErrorsConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/**
 * The gateway: the one public entry of the platform. Routes {@code /api/v1/**} to the services (see
 * {@code gateway.yml}), gives every request an id and answers unknown routes and unreachable
 * services with RFC 9457 problem details.
 */
@SpringBootApplication
@Import(ServletErrorsConfiguration.class)
public class GatewayApplication {

  /** The name of this service's configuration file ({@code gateway.yml}). */
  public static final String CONFIG_NAME = "gateway";

  public static void main(String[] args) {
    new SpringApplicationBuilder(GatewayApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME)
        .run(args);
  }
}
