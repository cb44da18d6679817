package dev.cogalign.pipeline.support;

import dev.cogalign.critic.CriticApplication;
import dev.cogalign.rethink.RethinkApplication;
import dev.cogalign.verifier.VerifierApplication;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

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

  private AgentServices() {
    critic = start(CriticApplication.class, CriticApplication.CONFIG_NAME);
    rethink = start(RethinkApplication.class, RethinkApplication.CONFIG_NAME);
    verifier = start(VerifierApplication.class, VerifierApplication.CONFIG_NAME);
  }

  public static AgentServices start() {
    return new AgentServices();
  }

  private static ConfigurableApplicationContext start(Class<?> application, String configName) {
    return new SpringApplicationBuilder(application)
        .properties(
            "spring.config.name=" + configName,
            "server.port=0",
            "spring.autoconfigure.exclude=" + EXCLUDED)
        .run();
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

  private static String url(ConfigurableApplicationContext context) {
    return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
  }

  @Override
  public void close() {
    List.of(critic, rethink, verifier).forEach(ConfigurableApplicationContext::close);
  }
}
