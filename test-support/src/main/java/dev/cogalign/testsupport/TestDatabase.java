package dev.cogalign.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One embedded PostgreSQL per test JVM, started on first use and stopped at exit. */
public final class TestDatabase {
  private static EmbeddedPostgres postgres;

  private TestDatabase() {}

  public static synchronized String jdbcUrl() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException e) {
                      // the JVM is exiting; the temporary data directory goes with it
                    }
                  }));
    }
    return postgres.getJdbcUrl("postgres", "postgres");
  }
}
