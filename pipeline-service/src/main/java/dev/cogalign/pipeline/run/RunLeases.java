package dev.cogalign.pipeline.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Which pipeline instance executes a run: the one holding the run's PostgreSQL session-level
 * advisory lock. The lock lives as long as the lease's connection, so a crashed instance loses it
 * with its connections and another instance adopts the run.
 *
 * <p>Plain JDBC on a connection of its own, not JPA nor a transaction: a session-level advisory
 * lock belongs to the connection that took it, so the lease must hold that one connection out of
 * the pool for the run's whole execution and unlock on the same one; JPA has no advisory locks, and
 * a persistence context or transaction would hand the connection back after each call.
 */
@Component
class RunLeases {
  /** The advisory-lock class of CRV runs ("CRVR"), apart from other users of advisory locks. */
  static final int LOCK_CLASS = 0x43525652;

  private final DataSource dataSource;

  RunLeases(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The run's lease, or empty when another session holds it. */
  Optional<Lease> tryAcquire(long runId) throws SQLException {
    Connection connection = dataSource.getConnection();
    try {
      if (lock(connection, "select pg_try_advisory_lock(?, ?)", runId)) {
        return Optional.of(new Lease(connection, runId));
      }
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
    connection.close();
    return Optional.empty();
  }

  private static boolean lock(Connection connection, String sql, long runId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setInt(1, LOCK_CLASS);
      statement.setInt(2, Long.hashCode(runId));
      try (ResultSet result = statement.executeQuery()) {
        return result.next() && result.getBoolean(1);
      }
    }
  }

  /** A held run lease; closing it unlocks and returns the connection. */
  static final class Lease implements AutoCloseable {
    private final Connection connection;
    private final long runId;

    private Lease(Connection connection, long runId) {
      this.connection = connection;
      this.runId = runId;
    }

    @Override
    public void close() throws SQLException {
      try {
        lock(connection, "select pg_advisory_unlock(?, ?)", runId);
      } finally {
        connection.close();
      }
    }
  }
}
