package dev.cogalign.verifier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** verifier-service: checks a chain of thought against the gold answer. */
@SpringBootApplication
public class VerifierApplication {

  public static void main(String[] args) {
    SpringApplication.run(VerifierApplication.class, args);
  }
}
