package dev.cogalign.trainer.model;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A model row.
 *
 * @param parentId the model it was trained from (null for a registered folder)
 * @param jobId the job that trained it (null for a registered folder)
 * @param dataSha256 SHA-256 of the data snapshot it was trained on
 * @param hyperparameters the complete training configuration
 * @param codeVersion the trainer's version that produced (or registered) it
 */
public record Model(
    long id,
    String name,
    String path,
    ModelKind kind,
    Long parentId,
    Long jobId,
    String dataSha256,
    JsonNode hyperparameters,
    String codeVersion,
    Instant createdAt) {}
