package dev.cogalign.cogpo.train.data;

/**
 * A preference pair as token ids: one prompt, the chosen and the rejected completion, the pair's
 * beta and its mini-task ({@code null} when the data names none).
 */
public record TokenizedPair(
    int[] promptIds, int[] chosenIds, int[] rejectedIds, double beta, String miniTask) {

  public TokenizedPair {
    if (!(beta > 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("beta " + beta + " must be a positive finite number");
    }
  }

  public TokenizedExample chosen() {
    return new TokenizedExample(promptIds, chosenIds);
  }

  public TokenizedExample rejected() {
    return new TokenizedExample(promptIds, rejectedIds);
  }
}
