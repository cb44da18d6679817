package dev.cogalign.serviceweb.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

  @Test
  void aPoolTimeoutWrappedTwiceIsAnOutage() {
    var pool = new SQLTransientConnectionException("HikariPool-1 - Connection is not available");
    var wrapped =
        new IllegalStateException("could not get a connection", new RuntimeException(pool));

    assertThat(DatabaseOutage.causedBy(wrapped)).isTrue();
  }

  @Test
  void connectionStatesAndAdministratorShutdownAreOutages() {
    assertThat(DatabaseOutage.causedBy(new SQLException("I/O error", "08006"))).isTrue();
    assertThat(DatabaseOutage.causedBy(new SQLException("connection refused", "08001"))).isTrue();
    assertThat(
            DatabaseOutage.causedBy(
                new SQLException("terminating connection due to administrator command", "57P01")))
        .isTrue();
    assertThat(
            DatabaseOutage.causedBy(
                new RuntimeException(new ConnectException("Connection refused"))))
        .isTrue();
  }

  @Test
  void aStatementTheDatabaseRefusedIsNotAnOutage() {
    assertThat(DatabaseOutage.causedBy(new SQLException("duplicate key value", "23505"))).isFalse();
    assertThat(DatabaseOutage.causedBy(new SQLException("canceling statement", "57014"))).isFalse();
    assertThat(DatabaseOutage.causedBy(new SQLException("no state"))).isFalse();
    assertThat(DatabaseOutage.causedBy(new IllegalArgumentException("bad"))).isFalse();
    assertThat(DatabaseOutage.causedBy(null)).isFalse();
  }

  @Test
  void aCauseCycleEnds() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);

    assertThat(DatabaseOutage.causedBy(a)).isFalse();
  }
}
