package dev.cogalign.verifier;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** verifier-service: checks a chain of thought against the gold answer. */
@SpringBootApplication
public class VerifierApplication {
  public static final String CONFIG_NAME = "verifier-service";

  public static void main(String[] args) {
    new SpringApplicationBuilder(VerifierApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME)
        .run(args);
  }
}
