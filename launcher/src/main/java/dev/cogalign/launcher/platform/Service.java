package dev.cogalign.launcher.platform;

import dev.cogalign.critic.CriticApplication;
import dev.cogalign.gateway.GatewayApplication;
import dev.cogalign.pipeline.PipelineApplication;
import dev.cogalign.rethink.RethinkApplication;
import dev.cogalign.trainer.TrainerApplication;
import dev.cogalign.verifier.VerifierApplication;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The services of the platform, in start order: the agents first, then the services that call them,
 * the gateway last (it owns the schema of the API keys). Each runs as its own Spring application
 * context with its own config file ({@link #configName()}.yml) and port.
 */
public enum Service {
  CRITIC("critic-service", CriticApplication.class, null, 1),
  RETHINK("rethink-service", RethinkApplication.class, null, 2),
  VERIFIER("verifier-service", VerifierApplication.class, null, 3),
  PIPELINE("pipeline-service", PipelineApplication.class, "crv", 0),
  TRAINER("trainer-service", TrainerApplication.class, "trainer", 4),
  GATEWAY("gateway", GatewayApplication.class, "gateway", -1);

  private final String configName;
  private final Class<?> application;
  private final String schema;
  private final int portOffset;

  Service(String configName, Class<?> application, String schema, int portOffset) {
    this.configName = configName;
    this.application = application;
    this.schema = schema;
    this.portOffset = portOffset;
  }

  /**
   * The service's port relative to the first service port (pipeline 8081, critic 8082, rethink
   * 8083, verifier 8084, trainer 8085); the gateway has its own.
   */
  int portOffset() {
    return portOffset;
  }

  /** The service's {@code spring.config.name}, which is also its module name. */
  public String configName() {
    return configName;
  }

  Class<?> application() {
    return application;
  }

  /**
   * Starts this service in this JVM with its defaults ({@link ServiceArguments#defaults}) under
   * {@code args}; {@code ownJvm}: whether it is the JVM's only service, which then stops it on
   * SIGTERM (in the one-JVM platform, the launcher stops the services in order).
   */
  public ConfigurableApplicationContext start(List<String> args, boolean ownJvm) {
    return new SpringApplicationBuilder(application)
        .main(application)
        .properties(ServiceArguments.defaults(this))
        .bannerMode(Banner.Mode.OFF)
        .registerShutdownHook(ownJvm)
        .run(args.toArray(String[]::new));
  }

  /** The service whose {@link #configName()} is {@code name}. */
  public static Optional<Service> named(String name) {
    for (Service service : values()) {
      if (service.configName.equals(name)) {
        return Optional.of(service);
      }
    }
    return Optional.empty();
  }

  /** Whether the service gets the database (it owns a schema). */
  boolean usesDatabase() {
    return schema != null;
  }

  /** The schema the service owns, or {@code null}. */
  String schema() {
    return schema;
  }

  /**
   * The property through which the other services find this one: {@code CRITIC_URL}, {@code
   * PIPELINE_URL}, … (the same names serve as environment variables outside the launcher).
   */
  public String urlProperty() {
    return name().toUpperCase(Locale.ROOT) + "_URL";
  }
}
