package dev.cogalign.trainer.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * Models and their evaluations ({@code trainer.model}, {@code trainer.evaluation}) through Spring
 * Data JPA ({@link ModelRows}, {@link EvaluationRows}), as the services see them: records, not
 * entities. A page of models costs three statements whatever its size or its chains' depth (the
 * page, the lineages, the evaluations).
 */
@Repository
public class ModelRepository {
  private final ModelRows rows;
  private final EvaluationRows evaluations;

  ModelRepository(ModelRows rows, EvaluationRows evaluations) {
    this.rows = rows;
    this.evaluations = evaluations;
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
    return rows.save(
            new ModelEntity(
                name, path, kind, parentId, jobId, dataSha256, hyperparameters, codeVersion, now))
        .id();
  }

  /** Inserts a BASE model for the folder unless one exists; returns its id either way. */
  public long registerBase(String name, String path, String codeVersion, Instant now) {
    return rows.insertBaseUnlessPresent(name, path, codeVersion, now)
        .orElseGet(() -> rows.findByPathAndKind(path, ModelKind.BASE).orElseThrow().id());
  }

  public Optional<Model> find(long id) {
    return rows.findById(id).map(ModelEntity::toModel);
  }

  public Optional<Model> findBaseByPath(String path) {
    return rows.findByPathAndKind(path, ModelKind.BASE).map(ModelEntity::toModel);
  }

  /** Newest first: {@code limit} models with ids below {@code before} (all when null). */
  public Window<Model> page(Long before, int limit) {
    ScrollPosition position =
        before == null ? ScrollPosition.keyset() : ScrollPosition.forward(Map.of("id", before));
    return rows.findByOrderByIdDesc(position, Limit.of(limit)).map(ModelEntity::toModel);
  }

  /** Ancestor ids from the root down to the parent. */
  public List<Long> lineage(Model model) {
    return lineages(List.of(model.id())).getOrDefault(model.id(), List.of());
  }

  /** Each model's ancestor ids from the root down to the parent, in one statement. */
  public Map<Long, List<Long>> lineages(Collection<Long> modelIds) {
    if (modelIds.isEmpty()) {
      return Map.of();
    }
    Map<Long, List<ModelRows.Ancestor>> byModel = new HashMap<>();
    for (ModelRows.Ancestor a : rows.ancestors(modelIds)) {
      byModel.computeIfAbsent(a.getModelId(), id -> new ArrayList<>()).add(a);
    }
    Map<Long, List<Long>> out = new HashMap<>();
    byModel.forEach(
        (id, ancestors) ->
            out.put(
                id,
                ancestors.stream()
                    .sorted(Comparator.comparingInt(ModelRows.Ancestor::getDepth).reversed())
                    .map(ModelRows.Ancestor::getAncestorId)
                    .toList()));
    return out;
  }

  /** What a trained model was trained with beyond its hyperparameters. */
  public void recordProvenance(
      long modelId, JsonNode betas, String betasSource, boolean allowPartial) {
    rows.recordProvenance(modelId, ModelEntity.text(betas), betasSource, allowPartial);
  }

  public void insertEvaluation(NewEvaluation e, Instant now) {
    evaluations.save(new EvaluationEntity(e, now));
  }

  public List<Evaluation> evaluations(long modelId) {
    return evaluations.findByModelIdOrderById(modelId).stream()
        .map(EvaluationEntity::toEvaluation)
        .toList();
  }

  /** Each model's evaluations in the order they were written, in one statement. */
  public Map<Long, List<Evaluation>> evaluations(Collection<Long> modelIds) {
    if (modelIds.isEmpty()) {
      return Map.of();
    }
    Map<Long, List<Evaluation>> out = new HashMap<>();
    for (EvaluationEntity e : evaluations.findByModelIdInOrderById(modelIds)) {
      out.computeIfAbsent(e.modelId(), id -> new ArrayList<>()).add(e.toEvaluation());
    }
    return out;
  }

  /** The evaluation an EVAL job wrote, if it finished. */
  public Optional<Evaluation> evaluationOfJob(long jobId) {
    return evaluations.findByJobId(jobId).stream().findFirst().map(EvaluationEntity::toEvaluation);
  }
}
