package dev.cogalign.trainer.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code trainer.evaluation}: a model's score, written once by its EVAL job. */
@Entity
@Table(name = "evaluation")
class EvaluationEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private long modelId;
  private long jobId;
  private String benchmark;
  private Long datasetId;
  private String split;
  private int correct;
  private int total;
  private double accuracy;
  private int overlap;
  private boolean allowOverlap;
  private int hitTokenLimit;

  @Column(columnDefinition = "timestamptz")
  private Instant createdAt;

  protected EvaluationEntity() {}

  EvaluationEntity(NewEvaluation e, Instant createdAt) {
    this.modelId = e.modelId();
    this.jobId = e.jobId();
    this.benchmark = e.benchmark();
    this.datasetId = e.datasetId();
    this.split = e.split();
    this.correct = e.correct();
    this.total = e.total();
    this.accuracy = e.total() == 0 ? 0.0 : (double) e.correct() / e.total();
    this.overlap = e.overlap();
    this.allowOverlap = e.allowOverlap();
    this.hitTokenLimit = e.hitTokenLimit();
    this.createdAt = createdAt;
  }

  long modelId() {
    return modelId;
  }

  Evaluation toEvaluation() {
    return new Evaluation(
        jobId,
        benchmark,
        datasetId,
        split,
        correct,
        total,
        accuracy,
        overlap,
        allowOverlap,
        hitTokenLimit,
        createdAt);
  }
}
