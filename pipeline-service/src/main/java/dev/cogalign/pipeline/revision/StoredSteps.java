package dev.cogalign.pipeline.revision;

import java.util.Map;
import java.util.Optional;

/**
 * What a run has already stored for one problem, by {@link StepKey}: a resumed problem finds its
 * steps here instead of asking the database before each one.
 */
public final class StoredSteps {
  /** A problem the run has stored nothing for yet. */
  public static final StoredSteps NONE = new StoredSteps(Map.of(), Map.of(), Map.of());

  /** A critique or verification key: the step of the run and the revision it is about. */
  record OfRevision(long revisionId, StepKey key) {}

  private final Map<StepKey, Revision> revisions;
  private final Map<OfRevision, Critique> critiques;
  private final Map<OfRevision, Verification> verifications;

  StoredSteps(
      Map<StepKey, Revision> revisions,
      Map<OfRevision, Critique> critiques,
      Map<OfRevision, Verification> verifications) {
    this.revisions = Map.copyOf(revisions);
    this.critiques = Map.copyOf(critiques);
    this.verifications = Map.copyOf(verifications);
  }

  public Optional<Revision> revision(StepKey key) {
    return Optional.ofNullable(revisions.get(key));
  }

  public Optional<Critique> critique(long revisionId, StepKey key) {
    return Optional.ofNullable(critiques.get(new OfRevision(revisionId, key)));
  }

  public Optional<Verification> verification(long revisionId, StepKey key) {
    return Optional.ofNullable(verifications.get(new OfRevision(revisionId, key)));
  }
}
