package dev.cogalign.pipeline.problem;

import dev.cogalign.crv.problem.ProblemInput;
import dev.cogalign.pipeline.error.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Problems in {@code crv.problem}; rows are never updated. */
@Repository
public class ProblemRepository {
  private static final String COLUMNS =
      "id, dataset_id, external_id, question, gold_answer, domain, created_at";

  private final JdbcClient jdbc;
  private final Clock clock;

  ProblemRepository(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Inserts the problem unless its external id is already in the dataset; the new id, if any. */
  Optional<Long> insertIfAbsent(long datasetId, String externalId, ProblemInput input) {
    return jdbc.sql(
            "insert into crv.problem (dataset_id, external_id, question, gold_answer, domain,"
                + " created_at) values (:datasetId, :externalId, :question, :gold, :domain, :now)"
                + " on conflict (dataset_id, external_id) do nothing returning id")
        .param("datasetId", datasetId)
        .param("externalId", externalId)
        .param("question", input.question())
        .param("gold", input.goldAnswer())
        .param("domain", input.domain())
        .param("now", OffsetDateTime.now(clock))
        .query(Long.class)
        .optional();
  }

  public Problem get(long id) {
    return jdbc.sql("select " + COLUMNS + " from crv.problem where id = :id")
        .param("id", id)
        .query(ProblemRepository::map)
        .optional()
        .orElseThrow(() -> new NotFoundException("problem", id));
  }

  /** Up to {@code limit} problems with ids above {@code afterId}, by id; filters may be null. */
  List<Problem> page(Long datasetId, String domain, long afterId, int limit) {
    StringBuilder sql =
        new StringBuilder("select " + COLUMNS + " from crv.problem where id > :after");
    if (datasetId != null) {
      sql.append(" and dataset_id = :datasetId");
    }
    if (domain != null) {
      sql.append(" and domain = :domain");
    }
    sql.append(" order by id limit :limit");
    var spec = jdbc.sql(sql.toString()).param("after", afterId).param("limit", limit);
    if (datasetId != null) {
      spec = spec.param("datasetId", datasetId);
    }
    if (domain != null) {
      spec = spec.param("domain", domain);
    }
    return spec.query(ProblemRepository::map).list();
  }

  static Problem map(ResultSet rs, int row) throws SQLException {
    return new Problem(
        rs.getLong("id"),
        rs.getLong("dataset_id"),
        rs.getString("external_id"),
        rs.getString("question"),
        rs.getString("gold_answer"),
        rs.getString("domain"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
