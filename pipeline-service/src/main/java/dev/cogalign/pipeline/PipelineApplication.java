package dev.cogalign.pipeline;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** pipeline-service: datasets, problems, CRV runs, revisions and preference pairs (schema crv). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PipelineApplication {
  public static final String CONFIG_NAME = "pipeline-service";

  public static void main(String[] args) {
    new SpringApplicationBuilder(PipelineApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME)
        .run(args);
  }
}
