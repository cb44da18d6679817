package dev.cogalign.launcher.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL run from the bundled binaries (zonky) on a data directory that survives restarts: the
 * cluster is created on first start and reused afterwards. The services share one database, {@value
 * #DATABASE}, each in its own schema.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  public static final String DATABASE = "cogalign";
  private static final String USER = "postgres";

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL on {@code dataDirectory} (created when missing) and {@code port}. The port is
   * bound seconds after it is picked (PostgreSQL is unpacked and its data directory initialised
   * first), so the caller picks it with {@link FreePorts} rather than leaving it to zonky's port-0
   * probe, whose ports outgoing connections can take.
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port) {
    try {
      Files.createDirectories(dataDirectory);
      OrphanedServer.stopIfPresent(dataDirectory);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setPort(port)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              // zonky tunes PostgreSQL for throw-away test data; this data must survive a crash
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .start();
      EmbeddedDatabase database = new EmbeddedDatabase(postgres);
      database.createDatabaseIfMissing();
      return database;
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start on " + dataDirectory, e);
    } catch (IllegalStateException e) {
      if (String.valueOf(e.getMessage()).contains("could not lock")) {
        throw new IllegalStateException(
            "the data directory "
                + dataDirectory
                + " is in use by another running PostgreSQL (is `cogalign up` already running?)",
            e);
      }
      throw e;
    }
  }

  public DatabaseConnection connection() {
    return new DatabaseConnection(postgres.getJdbcUrl(USER, DATABASE), USER, "");
  }

  public int port() {
    return postgres.getPort();
  }

  private void createDatabaseIfMissing() {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet row = exists.executeQuery()) {
        if (row.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + DATABASE);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + DATABASE, e);
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
