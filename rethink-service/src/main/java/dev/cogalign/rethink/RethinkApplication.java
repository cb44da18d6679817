package dev.cogalign.rethink;

import dev.cogalign.agentweb.config.RethinkerBackendConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/** rethink-service: extends or simplifies a chain of thought to fit the student. */
@SpringBootApplication
@Import(RethinkerBackendConfiguration.class)
public class RethinkApplication {
  public static final String CONFIG_NAME = "rethink-service";

  public static void main(String[] args) {
    new SpringApplicationBuilder(RethinkApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME)
        .run(args);
  }
}
