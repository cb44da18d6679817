package dev.cogalign.pipeline.dataset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * A row of {@code crv.dataset} (V1): inserted once, never updated. Datasets come one at a time, so
 * the table keeps its identity column.
 */
@Entity
@Immutable
@Table(name = "dataset")
class DatasetEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String name;

  @Column(columnDefinition = "timestamptz")
  private Instant createdAt;

  protected DatasetEntity() {}

  DatasetEntity(String name, Instant createdAt) {
    this.name = name;
    this.createdAt = createdAt;
  }

  Dataset toDataset() {
    return new Dataset(id, name, createdAt);
  }
}
