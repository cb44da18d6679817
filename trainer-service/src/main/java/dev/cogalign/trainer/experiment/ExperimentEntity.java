package dev.cogalign.trainer.experiment;

import dev.cogalign.trainer.experiment.ExperimentRepository.Experiment;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A row of {@code trainer.experiment}: its name and request, written once. */
@Entity
@Immutable
@Table(name = "experiment")
class ExperimentEntity {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String name;

  @JdbcTypeCode(SqlTypes.JSON)
  private String request;

  @Column(columnDefinition = "timestamptz")
  private Instant createdAt;

  protected ExperimentEntity() {}

  ExperimentEntity(String name, JsonNode request, Instant createdAt) {
    this.name = name;
    this.request = JSON.writeValueAsString(request);
    this.createdAt = createdAt;
  }

  Long id() {
    return id;
  }

  Experiment toExperiment() {
    return new Experiment(id, name, JSON.readTree(request), createdAt);
  }
}
