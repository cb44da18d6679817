package dev.cogalign.cogpo.generate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/** Picks the next token from one row of logits: argmax, or seeded temperature/top-p sampling. */
final class TokenSampler {

  private final GenerationConfig config;
  private final Random random;

  TokenSampler(GenerationConfig config) {
    this.config = config;
    this.random = new Random(config.seed());
  }

  /** The next token from logits[offset, offset + vocab). */
  int next(float[] logits, int offset, int vocab) {
    if (config.greedy()) {
      return argmax(logits, offset, vocab);
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < vocab; i++) {
      max = Math.max(max, logits[offset + i]);
    }
    double[] probs = new double[vocab];
    double total = 0;
    for (int i = 0; i < vocab; i++) {
      probs[i] = Math.exp((logits[offset + i] - max) / config.temperature());
      total += probs[i];
    }
    for (int i = 0; i < vocab; i++) {
      probs[i] /= total;
    }
    Integer[] order = IntStream.range(0, vocab).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -probs[i]));
    int kept = 0;
    double mass = 0;
    while (kept < vocab && (kept == 0 || mass < config.topP())) {
      mass += probs[order[kept]];
      kept++;
    }
    double r = random.nextDouble() * mass;
    for (int k = 0; k < kept; k++) {
      r -= probs[order[k]];
      if (r <= 0) {
        return order[k];
      }
    }
    return order[kept - 1];
  }

  /** Index of the first maximum, as torch.argmax. */
  static int argmax(float[] logits, int offset, int vocab) {
    int best = 0;
    for (int i = 1; i < vocab; i++) {
      if (logits[offset + i] > logits[offset + best]) {
        best = i;
      }
    }
    return best;
  }
}
