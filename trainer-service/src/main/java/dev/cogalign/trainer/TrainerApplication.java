package dev.cogalign.trainer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * trainer-service: training and evaluation jobs, checkpoints, metrics and models (schema trainer).
 */
@SpringBootApplication
public class TrainerApplication {

  public static void main(String[] args) {
    SpringApplication.run(TrainerApplication.class, args);
  }
}
