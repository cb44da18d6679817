package dev.cogalign.pipeline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** pipeline-service: datasets, problems, CRV runs, revisions and preference pairs (schema crv). */
@SpringBootApplication
public class PipelineApplication {

  public static void main(String[] args) {
    SpringApplication.run(PipelineApplication.class, args);
  }
}
