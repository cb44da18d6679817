package dev.cogalign.pipeline.support;

import dev.cogalign.critic.CriticApplication;
import dev.cogalign.rethink.RethinkApplication;
import dev.cogalign.verifier.VerifierApplication;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * critic-service, rethink-service and verifier-service, each its own Spring application on a random
 * port in this JVM, with their default (rules) backend.
 */
public final class AgentServices implements AutoCloseable {
  /** The agent services keep no database; the pipeline's JDBC and Flyway stay off in them. */
  private static final String EXCLUDED =
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
          + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";

  private final ConfigurableApplicationContext critic;
  private final ConfigurableApplicationContext rethink;
  private final ConfigurableApplicationContext verifier;

  private AgentServices(String... properties) {
    critic = start(CriticApplication.class, CriticApplication.CONFIG_NAME, properties);
    rethink = start(RethinkApplication.class, RethinkApplication.CONFIG_NAME, properties);
    verifier = start(VerifierApplication.class, VerifierApplication.CONFIG_NAME, properties);
  }

  /**
   * The three services with these properties ({@code key=value}) on top of their configuration
   * files, as command-line arguments (default properties would lose to the files' placeholders).
   */
  public static AgentServices start(String... properties) {
    return new AgentServices(properties);
  }

  private static ConfigurableApplicationContext start(
      Class<?> application, String configName, String... properties) {
    // the port too is an argument: the configuration file's ${PORT:808x} wins over a default
    // property, and a fixed port collides with another test JVM on this machine
    String[] arguments =
        Stream.concat(Stream.of("server.port=0"), Arrays.stream(properties))
            .map(p -> "--" + p)
            .toArray(String[]::new);
    return new SpringApplicationBuilder(application)
        .properties("spring.config.name=" + configName, "spring.autoconfigure.exclude=" + EXCLUDED)
        .run(arguments);
  }

  public String criticUrl() {
    return url(critic);
  }

  public String rethinkUrl() {
    return url(rethink);
  }

  public String verifierUrl() {
    return url(verifier);
  }

  /**
   * Points the pipeline's {@code <prefix>critic-url}, {@code rethink-url} and {@code verifier-url}
   * at these services (prefix {@code cogalign.agents.} or a backend's, with its trailing dot).
   */
  public void register(DynamicPropertyRegistry registry, String prefix) {
    registry.add(prefix + "critic-url", this::criticUrl);
    registry.add(prefix + "rethink-url", this::rethinkUrl);
    registry.add(prefix + "verifier-url", this::verifierUrl);
  }

  private static String url(ConfigurableApplicationContext context) {
    return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
  }

  /** The three services' application contexts (their meters, say). */
  public List<ConfigurableApplicationContext> contexts() {
    return List.of(critic, rethink, verifier);
  }

  @Override
  public void close() {
    contexts().forEach(ConfigurableApplicationContext::close);
  }
}
