package dev.cogalign.verifier;

import dev.cogalign.agentweb.config.VerifierBackendConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/** verifier-service: checks a chain of thought against the gold answer. */
@SpringBootApplication
@Import(VerifierBackendConfiguration.class)
public class VerifierApplication {
  public static final String CONFIG_NAME = "verifier-service";

  public static void main(String[] args) {
    new SpringApplicationBuilder(VerifierApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME)
        .run(args);
  }
}
