package dev.cogalign.trainer.model;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Rows of {@code trainer.model} and {@code trainer.evaluation}. */
@Repository
public class ModelRepository {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcClient jdbc;

  ModelRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long insert(
      String name,
      String path,
      ModelKind kind,
      Long parentId,
      Long jobId,
      String dataSha256,
      JsonNode hyperparameters,
      String codeVersion,
      Instant now) {
    return jdbc.sql(
            """
            insert into model (name, path, kind, parent_id, job_id, data_sha256, hyperparameters,
                               code_version, created_at)
            values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?) returning id""")
        .params(
            name,
            path,
            kind.name(),
            parentId,
            jobId,
            dataSha256,
            hyperparameters == null ? null : JSON.writeValueAsString(hyperparameters),
            codeVersion,
            OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
        .query(Long.class)
        .single();
  }

  /** Inserts a BASE model for the folder unless one exists; returns its id either way. */
  public long registerBase(String name, String path, String codeVersion, Instant now) {
    Optional<Long> inserted =
        jdbc.sql(
                """
                insert into model (name, path, kind, code_version, created_at)
                values (?, ?, 'BASE', ?, ?)
                on conflict (path) where kind = 'BASE' do nothing returning id""")
            .params(name, path, codeVersion, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
            .query(Long.class)
            .optional();
    return inserted.orElseGet(
        () ->
            jdbc.sql("select id from model where path = ? and kind = 'BASE'")
                .param(path)
                .query(Long.class)
                .single());
  }

  public Optional<Model> find(long id) {
    return jdbc.sql("select * from model where id = ?").param(id).query(this::row).optional();
  }

  public Optional<Model> findBaseByPath(String path) {
    return jdbc.sql("select * from model where path = ? and kind = 'BASE'")
        .param(path)
        .query(this::row)
        .optional();
  }

  public List<Model> page(Long before, int limit) {
    return jdbc.sql(
            "select * from model where (cast(? as bigint) is null or id < ?) order by id desc limit ?")
        .params(before, before, limit)
        .query(this::row)
        .list();
  }

  /** Ancestor ids from the root down to the parent. */
  public List<Long> lineage(Model model) {
    List<Long> out = new ArrayList<>();
    Long parent = model.parentId();
    while (parent != null && out.size() < 1000) {
      out.add(parent);
      parent =
          jdbc.sql("select parent_id from model where id = ?")
              .param(parent)
              .query((rs, n) -> (Long) rs.getObject(1))
              .optional()
              .orElse(null);
    }
    Collections.reverse(out);
    return out;
  }

  /** What a trained model was trained with beyond its hyperparameters. */
  public void recordProvenance(
      long modelId, JsonNode betas, String betasSource, boolean allowPartial) {
    jdbc.sql(
            """
            update model set betas = cast(? as jsonb), betas_source = ?, allow_partial = ?
            where id = ?""")
        .params(
            betas == null ? null : JSON.writeValueAsString(betas),
            betasSource,
            allowPartial,
            modelId)
        .update();
  }

  public void insertEvaluation(NewEvaluation e, Instant now) {
    jdbc.sql(
            """
            insert into evaluation (model_id, job_id, benchmark, dataset_id, split, correct, total,
                                    accuracy, overlap, allow_overlap, hit_token_limit, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            e.modelId(),
            e.jobId(),
            e.benchmark(),
            e.datasetId(),
            e.split(),
            e.correct(),
            e.total(),
            e.total() == 0 ? 0.0 : (double) e.correct() / e.total(),
            e.overlap(),
            e.allowOverlap(),
            e.hitTokenLimit(),
            OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
        .update();
  }

  public List<Evaluation> evaluations(long modelId) {
    return jdbc.sql("select * from evaluation where model_id = ? order by id")
        .param(modelId)
        .query(
            (rs, n) ->
                new Evaluation(
                    rs.getLong("job_id"),
                    rs.getString("benchmark"),
                    (Long) rs.getObject("dataset_id"),
                    rs.getString("split"),
                    rs.getInt("correct"),
                    rs.getInt("total"),
                    rs.getDouble("accuracy"),
                    rs.getInt("overlap"),
                    rs.getBoolean("allow_overlap"),
                    rs.getInt("hit_token_limit"),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  /** The evaluation an EVAL job wrote, if it finished. */
  public Optional<Evaluation> evaluationOfJob(long jobId) {
    return jdbc.sql("select model_id from evaluation where job_id = ?")
        .param(jobId)
        .query(Long.class)
        .optional()
        .flatMap(
            modelId -> evaluations(modelId).stream().filter(e -> e.jobId() == jobId).findFirst());
  }

  private Model row(ResultSet rs, int n) throws SQLException {
    String hp = rs.getString("hyperparameters");
    return new Model(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("path"),
        ModelKind.valueOf(rs.getString("kind")),
        (Long) rs.getObject("parent_id"),
        (Long) rs.getObject("job_id"),
        rs.getString("data_sha256"),
        hp == null ? null : JSON.readTree(hp),
        rs.getString("code_version"),
        json(rs.getString("betas")),
        rs.getString("betas_source"),
        rs.getBoolean("allow_partial"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }

  private static JsonNode json(String text) {
    return text == null ? null : JSON.readTree(text);
  }
}
