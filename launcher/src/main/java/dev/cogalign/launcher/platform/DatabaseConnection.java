package dev.cogalign.launcher.platform;

import java.util.Objects;

/** Where the services find PostgreSQL. */
public record DatabaseConnection(String url, String username, String password) {

  public DatabaseConnection {
    Objects.requireNonNull(url, "database url");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "database url " + url + " is not a PostgreSQL JDBC url (jdbc:postgresql://host:port/db)");
    }
  }
}
