package dev.cogalign.trainer.model;

import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import dev.cogalign.trainer.config.CodeVersion;
import dev.cogalign.trainer.error.InvalidRequestException;
import dev.cogalign.trainer.error.NotFoundException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Service;

/** Registers models, resolves a job's base model, and shows models with lineage and scores. */
@Service
public class ModelService {
  public static final int DEFAULT_PAGE_SIZE = 50;
  public static final int MAX_PAGE_SIZE = 500;

  private final ModelRepository models;
  private final CodeVersion codeVersion;
  private final Clock clock;
  private final ModelRoots roots;
  private final PathDisclosure disclosure;

  ModelService(
      ModelRepository models,
      CodeVersion codeVersion,
      Clock clock,
      ModelRoots roots,
      PathDisclosure disclosure) {
    this.models = models;
    this.codeVersion = codeVersion;
    this.clock = clock;
    this.roots = roots;
    this.disclosure = disclosure;
  }

  /**
   * A base model named by a registered id or a Hugging Face folder.
   *
   * @param id the registered model, or null for a folder not registered yet
   * @param path its folder
   */
  public record ModelRef(Long id, Path path) {}

  /**
   * Resolves {@code ref} (an id or a folder inside the {@link ModelRoots}), or explains why it
   * cannot.
   */
  public Optional<ModelRef> resolve(String ref, List<String> reasons) {
    if (ref == null || ref.isBlank()) {
      reasons.add("is required: a registered model id or a Hugging Face folder");
      return Optional.empty();
    }
    if (ref.chars().allMatch(Character::isDigit) && ref.length() < 19) {
      Optional<Model> model = models.find(Long.parseLong(ref));
      if (model.isEmpty()) {
        reasons.add("model " + ref + " is not registered");
        return Optional.empty();
      }
      Path path = Path.of(model.get().path());
      if (!HfCheckpoint.isCheckpoint(path)) {
        reasons.add("model " + ref + "'s folder has no config.json");
        return Optional.empty();
      }
      return Optional.of(new ModelRef(model.get().id(), path));
    }
    Optional<Path> found = roots.find(ref);
    if (found.isEmpty()) {
      reasons.add(ModelRoots.RULE + " (or be a registered model id)");
      return Optional.empty();
    }
    Path path = found.get();
    return Optional.of(
        new ModelRef(models.findBaseByPath(path.toString()).map(Model::id).orElse(null), path));
  }

  /** The id of a resolved model, registering its folder first when needed. */
  public long ensureRegistered(ModelRef ref) {
    if (ref.id() != null) {
      return ref.id();
    }
    return models.registerBase(
        ref.path().getFileName().toString(),
        ref.path().toString(),
        codeVersion.value(),
        clock.instant());
  }

  /**
   * Registers a folder as a BASE model (idempotent on the folder); it must lie inside the {@link
   * ModelRoots}.
   */
  public ModelView register(RegisterModelRequest request) {
    Path path = roots.confine(request.path(), "path");
    String name =
        request.name() == null || request.name().isBlank()
            ? path.getFileName().toString()
            : request.name();
    long id = models.registerBase(name, path.toString(), codeVersion.value(), clock.instant());
    return view(id);
  }

  public Model get(long id) {
    return models.find(id).orElseThrow(() -> new NotFoundException("model", id));
  }

  public ModelView view(long id) {
    return view(get(id));
  }

  public ModelView view(Model m) {
    return view(m, models.lineage(m), models.evaluations(m.id()));
  }

  private ModelView view(Model m, List<Long> lineage, List<Evaluation> evaluations) {
    return new ModelView(
        m.id(),
        m.name(),
        disclosure.show(m.path()),
        m.kind(),
        m.parentId(),
        lineage,
        m.jobId(),
        m.dataSha256(),
        m.hyperparameters(),
        m.codeVersion(),
        m.betas(),
        m.betasSource(),
        m.allowPartial(),
        evaluations,
        m.createdAt());
  }

  /** A page of models in three statements: the models, their lineages, their evaluations. */
  public ModelPage page(String cursor, Integer limit) {
    int size = limit == null ? DEFAULT_PAGE_SIZE : limit;
    Long before = cursor == null || cursor.isBlank() ? null : parseCursor(cursor);
    Window<Model> window = models.page(before, size);
    List<Long> ids = window.stream().map(Model::id).toList();
    Map<Long, List<Long>> lineages = models.lineages(ids);
    Map<Long, List<Evaluation>> evaluations = models.evaluations(ids);
    List<ModelView> views =
        window.stream()
            .map(
                m ->
                    view(
                        m,
                        lineages.getOrDefault(m.id(), List.of()),
                        evaluations.getOrDefault(m.id(), List.of())))
            .toList();
    return new ModelPage(
        views,
        window.hasNext() && !views.isEmpty()
            ? String.valueOf(views.get(views.size() - 1).id())
            : null);
  }

  private static long parseCursor(String cursor) {
    try {
      return Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      throw new InvalidRequestException("cursor", "'" + cursor + "' is not a cursor of this list");
    }
  }
}
