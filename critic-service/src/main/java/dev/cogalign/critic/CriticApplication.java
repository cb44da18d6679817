package dev.cogalign.critic;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** critic-service: judges a chain of thought from the student model's point of view. */
@SpringBootApplication
public class CriticApplication {

  public static void main(String[] args) {
    SpringApplication.run(CriticApplication.class, args);
  }
}
