package dev.cogalign.gateway;

/** Properties shared by the gateway's tests. */
final class TestProperties {

  /**
   * pipeline-service is on the test classpath (for {@link GatewayPipelineIT}); it brings JDBC and
   * Flyway, which the gateway itself must not configure.
   */
  static final String NO_DATABASE =
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
          + "org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration,"
          + "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration,"
          + "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration,"
          + "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration,"
          + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";

  private TestProperties() {}
}
