package dev.cogalign.pipeline.problem;

import dev.cogalign.crv.problem.ProblemInput;
import dev.cogalign.pipeline.error.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Problems in {@code crv.problem}; rows are never updated. */
@Repository
public class ProblemRepository {
  static final int CHUNK = 500;
  private static final String COLUMNS =
      "id, dataset_id, external_id, question, gold_answer, domain, created_at";

  private final JdbcClient jdbc;
  private final Clock clock;

  ProblemRepository(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Inserts the rows whose external id is not yet in the dataset, {@link #CHUNK} rows a statement;
   * the ids of those created, by external id (a row repeated in one upload is created once).
   */
  Map<String, Long> insertIfAbsent(long datasetId, List<ParsedRow> rows) {
    Map<String, Long> created = new HashMap<>();
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (int from = 0; from < rows.size(); from += CHUNK) {
      List<ParsedRow> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
      StringBuilder sql =
          new StringBuilder(
              "insert into crv.problem (dataset_id, external_id, question, gold_answer, domain,"
                  + " created_at) values ");
      List<Object> params = new ArrayList<>(chunk.size() * 6);
      for (int i = 0; i < chunk.size(); i++) {
        ProblemInput input = chunk.get(i).input();
        sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
        params.addAll(
            Arrays.asList(
                datasetId,
                chunk.get(i).externalId(),
                input.question(),
                input.goldAnswer(),
                input.domain(),
                now));
      }
      sql.append(" on conflict (dataset_id, external_id) do nothing returning id, external_id");
      jdbc.sql(sql.toString())
          .params(params)
          .query(
              (ResultSet rs) -> {
                created.put(rs.getString("external_id"), rs.getLong("id"));
              });
    }
    return created;
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
