package dev.cogalign.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.testsupport.TestDatabase.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

class TestDatabaseTest {

  @Test
  void aForcedSideIsTakenWhateverTheEngineAndAnUnknownOneListsTheAllowed() {
    assertThat(TestDatabase.choose("embedded").kind()).isEqualTo(Kind.EMBEDDED);
    assertThat(TestDatabase.choose(" Container ").kind()).isEqualTo(Kind.CONTAINER);
    assertThatThrownBy(() -> TestDatabase.choose("docker"))
        .hasMessage("cogalign.test.database=docker is not one of auto, embedded, container");
  }

  @Test
  void autoTakesTheContainerExactlyWhenAContainerEngineAnswers() {
    Kind expected =
        DockerClientFactory.instance().isDockerAvailable() ? Kind.CONTAINER : Kind.EMBEDDED;

    assertThat(TestDatabase.choose(null).kind()).isEqualTo(expected);
    assertThat(TestDatabase.choose("auto").kind()).isEqualTo(expected);
  }

  @Test
  void eitherSideRunsThePostgresVersionOfTheDeployedImageWithTheCredentialsInItsUrl()
      throws SQLException {
    try (Connection db = DriverManager.getConnection(TestDatabase.jdbcUrl());
        ResultSet version = db.createStatement().executeQuery("show server_version")) {
      version.next();
      String tag = TestDatabase.POSTGRES_IMAGE.substring("postgres:".length());

      assertThat(tag).startsWith(version.getString(1) + "-");
      assertThat(db.getMetaData().getUserName()).isEqualTo(TestDatabase.USER);
    }
  }
}
