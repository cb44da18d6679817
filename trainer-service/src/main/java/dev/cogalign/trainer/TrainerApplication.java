package dev.cogalign.trainer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * trainer-service: training and evaluation jobs, checkpoints, metrics and models (schema trainer).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TrainerApplication {
  public static final String CONFIG_NAME = "trainer-service";

  public static void main(String[] args) {
    new SpringApplicationBuilder(TrainerApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME)
        .run(args);
  }
}
