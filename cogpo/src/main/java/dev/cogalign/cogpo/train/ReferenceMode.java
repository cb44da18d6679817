package dev.cogalign.cogpo.train;

/** Where the reference log-probs of a preference run come from. */
public enum ReferenceMode {
  /**
   * Computed once by the reference model before training, cached on disk and reused by later runs.
   */
  CACHED,
  /** A frozen copy of the reference model kept in memory and run forward at every step. */
  FROZEN;

  /** Parses {@code cached|frozen} in any case, failing with the allowed values. */
  public static ReferenceMode parse(String value) {
    for (ReferenceMode m : values()) {
      if (m.name().equalsIgnoreCase(value)) {
        return m;
      }
    }
    throw new InvalidTrainingConfigException(
        "reference mode '" + value + "' is not one of cached|frozen");
  }
}
