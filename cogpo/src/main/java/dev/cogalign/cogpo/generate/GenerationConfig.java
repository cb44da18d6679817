package dev.cogalign.cogpo.generate;

import dev.cogalign.cogpo.CogpoException;
import java.util.Set;

/**
 * How to decode.
 *
 * @param maxNewTokens budget of new tokens per sequence
 * @param temperature 0 for greedy (argmax), otherwise the softmax temperature
 * @param topP nucleus sampling: keep the most likely tokens whose mass reaches topP (1 = all)
 * @param seed seed of the sampler (sampling only)
 * @param stopTokens a sequence ends after producing one of these (it is kept in the output)
 * @param padTokenId fills left padding and finished rows
 * @param useCache decode incrementally with a KV cache (false recomputes the whole prefix)
 */
public record GenerationConfig(
    int maxNewTokens,
    double temperature,
    double topP,
    long seed,
    Set<Integer> stopTokens,
    int padTokenId,
    boolean useCache) {

  public static final double DEFAULT_TEMPERATURE = 0.0;
  public static final double DEFAULT_TOP_P = 1.0;
  public static final long DEFAULT_SEED = 0L;

  public GenerationConfig {
    if (maxNewTokens < 0) {
      throw new CogpoException("max new tokens must be >= 0, got " + maxNewTokens);
    }
    if (temperature < 0) {
      throw new CogpoException("temperature must be >= 0, got " + temperature);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new CogpoException("top-p must be in (0, 1], got " + topP);
    }
    stopTokens = Set.copyOf(stopTokens);
  }

  /** Greedy decoding with a cache and no stop tokens. */
  public static GenerationConfig greedy(int maxNewTokens) {
    return new GenerationConfig(
        maxNewTokens, DEFAULT_TEMPERATURE, DEFAULT_TOP_P, DEFAULT_SEED, Set.of(), 0, true);
  }

  public GenerationConfig withStopTokens(Set<Integer> stops) {
    return new GenerationConfig(maxNewTokens, temperature, topP, seed, stops, padTokenId, useCache);
  }

  public GenerationConfig withPadTokenId(int pad) {
    return new GenerationConfig(maxNewTokens, temperature, topP, seed, stopTokens, pad, useCache);
  }

  public GenerationConfig withCache(boolean cache) {
    return new GenerationConfig(
        maxNewTokens, temperature, topP, seed, stopTokens, padTokenId, cache);
  }

  public GenerationConfig withSampling(double temp, double p, long s) {
    return new GenerationConfig(maxNewTokens, temp, p, s, stopTokens, padTokenId, useCache);
  }

  public boolean greedy() {
    return temperature == 0;
  }
}
