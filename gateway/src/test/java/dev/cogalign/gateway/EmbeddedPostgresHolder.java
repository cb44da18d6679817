package dev.cogalign.gateway;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One embedded PostgreSQL per test JVM, stopped when the JVM exits. */
final class EmbeddedPostgresHolder {

  private static EmbeddedPostgres postgres;

  private EmbeddedPostgresHolder() {}

  static synchronized EmbeddedPostgres get() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
    }
    return postgres;
  }

  static String jdbcUrl() {
    return get().getJdbcUrl("postgres", "postgres");
  }
}
