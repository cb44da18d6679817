package dev.cogalign.trainer.config;

import dev.cogalign.trainer.TrainerApplication;
import org.springframework.stereotype.Component;

/** The code version recorded with every model: configured, else the jar's, else "dev". */
@Component
public class CodeVersion {
  public static final String DEFAULT_VERSION = "dev";

  private final String value;

  CodeVersion(TrainerProperties properties) {
    String configured = properties.codeVersion();
    String fromJar = TrainerApplication.class.getPackage().getImplementationVersion();
    this.value =
        configured != null && !configured.isBlank()
            ? configured
            : fromJar != null ? fromJar : DEFAULT_VERSION;
  }

  public String value() {
    return value;
  }
}
