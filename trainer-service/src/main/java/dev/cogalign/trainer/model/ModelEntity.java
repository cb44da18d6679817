package dev.cogalign.trainer.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A row of {@code trainer.model} (V1, V2). The parent and the job are ids, not associations: a
 * model's view reads its lineage for a whole page in one recursive query ({@link ModelRows}), and a
 * job references models the same way. jsonb columns are held as their JSON text, read into {@link
 * JsonNode}s by {@link #toModel()}.
 */
@Entity
@Table(name = "model")
class ModelEntity {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String name;
  private String path;

  @Enumerated(EnumType.STRING)
  private ModelKind kind;

  private Long parentId;
  private Long jobId;
  private String dataSha256;

  @JdbcTypeCode(SqlTypes.JSON)
  private String hyperparameters;

  private String codeVersion;

  @JdbcTypeCode(SqlTypes.JSON)
  private String betas;

  private String betasSource;
  private boolean allowPartial;

  @Column(columnDefinition = "timestamptz")
  private Instant createdAt;

  protected ModelEntity() {}

  ModelEntity(
      String name,
      String path,
      ModelKind kind,
      Long parentId,
      Long jobId,
      String dataSha256,
      JsonNode hyperparameters,
      String codeVersion,
      Instant createdAt) {
    this.name = name;
    this.path = path;
    this.kind = kind;
    this.parentId = parentId;
    this.jobId = jobId;
    this.dataSha256 = dataSha256;
    this.hyperparameters = text(hyperparameters);
    this.codeVersion = codeVersion;
    this.createdAt = createdAt;
  }

  Long id() {
    return id;
  }

  Model toModel() {
    return new Model(
        id,
        name,
        path,
        kind,
        parentId,
        jobId,
        dataSha256,
        tree(hyperparameters),
        codeVersion,
        tree(betas),
        betasSource,
        allowPartial,
        createdAt);
  }

  static String text(JsonNode json) {
    return json == null ? null : JSON.writeValueAsString(json);
  }

  private static JsonNode tree(String text) {
    return text == null ? null : JSON.readTree(text);
  }
}
