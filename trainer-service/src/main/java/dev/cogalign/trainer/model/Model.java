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
 * @param betas DPO/CogPO: the beta per mini-task it was trained with
 * @param betasSource {@code pairs}, {@code job} or {@code beta} (DPO's one beta)
 * @param allowPartial trained on a run that had not finished
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
    JsonNode betas,
    String betasSource,
    boolean allowPartial,
    Instant createdAt) {}
