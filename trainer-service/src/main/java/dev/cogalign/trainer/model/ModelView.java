package dev.cogalign.trainer.model;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A model as the API shows it.
 *
 * @param lineage ancestor ids from the root (a registered folder) down to the parent
 */
public record ModelView(
    long id,
    String name,
    String path,
    ModelKind kind,
    Long parentId,
    List<Long> lineage,
    Long jobId,
    String dataSha256,
    JsonNode hyperparameters,
    String codeVersion,
    List<Evaluation> evaluations,
    Instant createdAt) {}
