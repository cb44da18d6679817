package dev.cogalign.trainer.model;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A model as the API shows it.
 *
 * @param lineage ancestor ids from the root (a registered folder) down to the parent
 * @param betas DPO/CogPO: the beta per mini-task it was trained with
 * @param betasSource {@code pairs}, {@code job} or {@code beta} (DPO's one beta)
 * @param allowPartial trained on a run that had not finished
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
    JsonNode betas,
    String betasSource,
    boolean allowPartial,
    List<Evaluation> evaluations,
    Instant createdAt) {}
