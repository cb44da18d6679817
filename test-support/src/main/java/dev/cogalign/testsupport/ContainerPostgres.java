package dev.cogalign.testsupport;

import org.testcontainers.postgresql.PostgreSQLContainer;

/** TestDatabase's container side: PostgreSQL in a Testcontainers container. */
final class ContainerPostgres {
  private ContainerPostgres() {}

  /** Starts the image and returns a JDBC URL that carries the user and password. */
  static String start(String image, String user, String password) {
    PostgreSQLContainer postgres =
        new PostgreSQLContainer(image)
            .withDatabaseName("postgres")
            .withUsername(user)
            .withPassword(password);
    postgres.start();
    // Testcontainers' Ryuk removes the container if this JVM dies without running the hook
    Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop));
    String url = postgres.getJdbcUrl();
    return url + (url.contains("?") ? "&" : "?") + "user=" + user + "&password=" + password;
  }
}
