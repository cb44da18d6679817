package dev.cogalign.critic;

import dev.cogalign.agentweb.config.CriticBackendConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/** critic-service: judges a chain of thought from the student model's point of view. */
@SpringBootApplication
@Import(CriticBackendConfiguration.class)
public class CriticApplication {
  public static final String CONFIG_NAME = "critic-service";

  public static void main(String[] args) {
    new SpringApplicationBuilder(CriticApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME)
        .run(args);
  }
}
