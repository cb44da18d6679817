package dev.cogalign.rethink;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** rethink-service: extends or simplifies a chain of thought to fit the student. */
@SpringBootApplication
public class RethinkApplication {

  public static void main(String[] args) {
    SpringApplication.run(RethinkApplication.class, args);
  }
}
