package dev.cogalign.gateway.apikey;

import dev.cogalign.gateway.security.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_key} table of the gateway's schema. */
@Repository
class ApiKeyStore {

  private static final String COLUMNS =
      "id, name, scopes, requests_per_second, created_at, revoked_at";

  private final JdbcClient jdbc;

  ApiKeyStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  ApiKey insert(
      String name, Set<Scope> scopes, String secretSha256, Integer requestsPerSecond, Instant now) {
    return jdbc.sql(
            "INSERT INTO api_key (name, scopes, secret_sha256, requests_per_second, created_at)"
                + " VALUES (:name, :scopes, :hash, :rps, :now) RETURNING "
                + COLUMNS)
        .param("name", name)
        .param(
            "scopes", scopes.stream().map(Scope::value).sorted().collect(Collectors.joining(" ")))
        .param("hash", secretSha256)
        .param("rps", requestsPerSecond, Types.INTEGER)
        .param("now", utc(now))
        .query(ApiKeyStore::row)
        .single();
  }

  /** The key with this secret hash, revoked or not. */
  Optional<ApiKey> findBySecret(String secretSha256) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM api_key WHERE secret_sha256 = :hash")
        .param("hash", secretSha256)
        .query(ApiKeyStore::row)
        .optional();
  }

  List<ApiKey> list() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM api_key ORDER BY id")
        .query(ApiKeyStore::row)
        .list();
  }

  Optional<ApiKey> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM api_key WHERE id = :id")
        .param("id", id)
        .query(ApiKeyStore::row)
        .optional();
  }

  /** Marks the key revoked (once: a second revocation keeps the first time). */
  void revoke(long id, Instant now) {
    jdbc.sql("UPDATE api_key SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
        .param("id", id)
        .param("now", utc(now))
        .update();
  }

  private static ApiKey row(ResultSet rs, int rowNum) throws SQLException {
    OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
    Integer rps = (Integer) rs.getObject("requests_per_second");
    return new ApiKey(
        rs.getLong("id"),
        rs.getString("name"),
        Arrays.stream(rs.getString("scopes").split(" "))
            .filter(s -> !s.isEmpty())
            .map(Scope::parse)
            .collect(Collectors.toSet()),
        rps,
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        revoked == null ? null : revoked.toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
