package dev.cogalign.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/** TestDatabase's embedded side: zonky's PostgreSQL binaries in a temporary folder. */
final class EmbeddedTestPostgres {
  private EmbeddedTestPostgres() {}

  /** Starts PostgreSQL and returns a JDBC URL that carries the user and password. */
  static String start(String user, String password) {
    EmbeddedPostgres postgres;
    try {
      postgres = EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    postgres.close();
                  } catch (IOException e) {
                    // the JVM is exiting; the temporary data directory goes with it
                  }
                }));
    // trust authentication: the password is not checked, but carried like the container's
    return postgres.getJdbcUrl(user, "postgres") + "&password=" + password;
  }
}
