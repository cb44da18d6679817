package dev.cogalign.rethink;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** rethink-service: extends or simplifies a chain of thought to fit the student. */
@SpringBootApplication
public class RethinkApplication {
  public static final String CONFIG_NAME = "rethink-service";

  public static void main(String[] args) {
    new SpringApplicationBuilder(RethinkApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME)
        .run(args);
  }
}
