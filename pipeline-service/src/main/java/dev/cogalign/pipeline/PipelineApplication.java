package dev.cogalign.pipeline;

import dev.cogalign.serviceweb.error.ServletErrorsConfiguration;
import dev.cogalign.serviceweb.internal.InternalAccessConfiguration;
import dev.cogalign.serviceweb.text.StorableTextConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** pipeline-service: datasets, problems, CRV runs, revisions and preference pairs (schema crv). */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({
  InternalAccessConfiguration.class,
  StorableTextConfiguration.class,
  ServletErrorsConfiguration.class
})
public class PipelineApplication {
  public static final String CONFIG_NAME = "pipeline-service";

  public static void main(String[] args) {
    new SpringApplicationBuilder(PipelineApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME)
        .run(args);
  }
}
