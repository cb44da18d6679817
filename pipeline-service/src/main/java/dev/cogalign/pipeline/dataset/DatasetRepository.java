package dev.cogalign.pipeline.dataset;

import dev.cogalign.pipeline.error.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Datasets in {@code crv.dataset}. */
@Repository
public class DatasetRepository {
  private final JdbcClient jdbc;
  private final Clock clock;

  DatasetRepository(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Dataset create(String name) {
    return jdbc.sql(
            "insert into crv.dataset (name, created_at) values (:name, :now)"
                + " returning id, name, created_at")
        .param("name", name)
        .param("now", OffsetDateTime.now(clock))
        .query(DatasetRepository::map)
        .single();
  }

  public List<Dataset> findAll() {
    return jdbc.sql("select id, name, created_at from crv.dataset order by id")
        .query(DatasetRepository::map)
        .list();
  }

  /** The dataset, or {@link NotFoundException}. */
  public Dataset get(long id) {
    return jdbc.sql("select id, name, created_at from crv.dataset where id = :id")
        .param("id", id)
        .query(DatasetRepository::map)
        .optional()
        .orElseThrow(() -> new NotFoundException("dataset", id));
  }

  private static Dataset map(ResultSet rs, int row) throws SQLException {
    return new Dataset(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
