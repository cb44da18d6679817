package dev.cogalign.serviceweb.database;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Whether a failure means PostgreSQL could not be reached, as opposed to a statement it refused.
 * Work that fails because the database is gone (stopped, restarting, unreachable, or the pool gave
 * up waiting for a connection) is left as it is stored, to be resumed when the database returns; it
 * is not recorded as a failure of the work itself, which could not be recorded anyway.
 *
 * <p>Read from the cause chain, whatever wraps it (Spring's {@code DataAccessException}s keep the
 * driver's {@link SQLException} as their cause): a connection-level JDBC exception (HikariCP's
 * {@link SQLTransientConnectionException} when no connection came in time, the driver's {@link
 * SQLNonTransientConnectionException} or {@link SQLRecoverableException}), an SQL state of class
 * {@code 08} (connection exception), {@code 57P01}–{@code 57P03} (administrator or crash shutdown,
 * cannot connect now), or a refused TCP connection.
 */
public final class DatabaseOutage {

  private DatabaseOutage() {}

  /** Whether {@code failure} or one of its causes says the database is unreachable. */
  public static boolean causedBy(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException
          || t instanceof ConnectException) {
        return true;
      }
      if (t instanceof SQLException sql && connectionState(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static boolean connectionState(String state) {
    if (state == null) {
      return false;
    }
    return state.startsWith("08")
        || state.equals("57P01")
        || state.equals("57P02")
        || state.equals("57P03");
  }
}
