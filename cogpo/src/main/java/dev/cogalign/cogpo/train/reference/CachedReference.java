package dev.cogalign.cogpo.train.reference;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import dev.cogalign.cogpo.model.DecoderModel;
import dev.cogalign.cogpo.train.data.PreferenceBatch;
import dev.cogalign.cogpo.train.data.TokenizedPair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reference log-probs read from a {@link ReferenceLogProbCache}: the pairs the cache lacks are
 * scored once, up front, by the reference model (loaded only if needed and closed right after), so
 * that training holds one model in memory.
 */
public final class CachedReference implements ReferenceLogProbs {

  private static final Logger LOG = LoggerFactory.getLogger(CachedReference.class);

  private final ReferenceLogProbCache cache;
  private final int forwardPasses;

  private CachedReference(ReferenceLogProbCache cache, int forwardPasses) {
    this.cache = cache;
    this.forwardPasses = forwardPasses;
  }

  /**
   * Fills the cache for {@code pairs}, scoring the missing ones in batches of {@code batchSize}.
   */
  public static CachedReference prepare(
      ReferenceLogProbCache cache,
      Path referenceDir,
      List<TokenizedPair> pairs,
      int batchSize,
      long padId,
      NDManager manager) {
    List<TokenizedPair> missing = new ArrayList<>();
    for (TokenizedPair p : pairs) {
      if (cache.get(p).isEmpty()) {
        missing.add(p);
      }
    }
    int passes = 0;
    if (!missing.isEmpty()) {
      LOG.info(
          "scoring {} of {} pairs with the reference {} (cache {})",
          missing.size(),
          pairs.size(),
          referenceDir,
          cache.file());
      try (NDManager scope = manager.newSubManager();
          DecoderModel reference = HfCheckpoint.load(referenceDir, scope)) {
        reference.setTrainable(false);
        for (int from = 0; from < missing.size(); from += batchSize) {
          List<TokenizedPair> chunk =
              missing.subList(from, Math.min(missing.size(), from + batchSize));
          try (NDManager batchScope = scope.newSubManager()) {
            NDList logps =
                FrozenReference.compute(reference, PreferenceBatch.of(chunk, padId), batchScope);
            float[] chosen = logps.get(0).toFloatArray();
            float[] rejected = logps.get(1).toFloatArray();
            for (int i = 0; i < chunk.size(); i++) {
              cache.put(chunk.get(i), chosen[i], rejected[i]);
            }
          }
          passes++;
        }
      }
    } else {
      LOG.info("all {} reference log-probs read from {}", pairs.size(), cache.file());
    }
    return new CachedReference(cache, passes);
  }

  @Override
  public NDList of(List<TokenizedPair> pairs, PreferenceBatch batch, NDManager manager) {
    float[] chosen = new float[pairs.size()];
    float[] rejected = new float[pairs.size()];
    for (int i = 0; i < pairs.size(); i++) {
      TokenizedPair p = pairs.get(i);
      float[] v =
          cache.get(p).orElseThrow(() -> new IllegalStateException("pair not in reference cache"));
      chosen[i] = v[0];
      rejected[i] = v[1];
    }
    return new NDList(manager.create(chosen), manager.create(rejected));
  }

  public ReferenceLogProbCache cache() {
    return cache;
  }

  @Override
  public int forwardPasses() {
    return forwardPasses;
  }

  @Override
  public void close() {}
}
