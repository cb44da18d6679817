package dev.cogalign.trainer;

import dev.cogalign.serviceweb.error.ServletErrorsConfiguration;
import dev.cogalign.serviceweb.internal.InternalAccessConfiguration;
import dev.cogalign.serviceweb.text.StorableTextConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * trainer-service: training and evaluation jobs, checkpoints, metrics and models (schema trainer).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({
  InternalAccessConfiguration.class,
  StorableTextConfiguration.class,
  ServletErrorsConfiguration.class
})
public class TrainerApplication {
  public static final String CONFIG_NAME = "trainer-service";

  public static void main(String[] args) {
    new SpringApplicationBuilder(TrainerApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME)
        .run(args);
  }
}
