package dev.cogalign.pipeline.run;

/**
 * Which backend each agent of a run uses; names are keys of {@code cogalign.agents.backends}, or
 * {@link #DEFAULT_BACKEND} for the agents at {@code cogalign.agents.*-url}.
 */
public record Backends(String critic, String rethinker, String verifier) {
  public static final String DEFAULT_BACKEND = "rules";
  public static final Backends DEFAULT =
      new Backends(DEFAULT_BACKEND, DEFAULT_BACKEND, DEFAULT_BACKEND);

  public Backends {
    critic = critic == null || critic.isBlank() ? DEFAULT_BACKEND : critic;
    rethinker = rethinker == null || rethinker.isBlank() ? DEFAULT_BACKEND : rethinker;
    verifier = verifier == null || verifier.isBlank() ? DEFAULT_BACKEND : verifier;
  }
}
