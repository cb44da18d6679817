package dev.cogalign.cogpo.generate;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.cogalign.cogpo.CogpoException;
import dev.cogalign.cogpo.model.DecoderModel;
import dev.cogalign.cogpo.model.EngineThreads;
import dev.cogalign.cogpo.model.KvCache;
import dev.cogalign.cogpo.model.ModelConfig;
import dev.cogalign.cogpo.model.NoGrad;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Autoregressive decoding of a batch of prompts: left padding, a KV cache (or full recomputation),
 * greedy or seeded sampling, stop tokens and a budget of new tokens.
 *
 * <p>Dimensions: B prompts, P longest prompt, S tokens so far (P + generated).
 */
public final class Generator {

  /**
   * The largest layer product (hidden × intermediate) of a model whose single prompts decode with
   * one intra-op thread ({@link #decodesOnOneThread}): 2^20, 1.5 times the largest measured.
   */
  static final long ONE_THREAD_MAX_PRODUCT = 1L << 20;

  private final DecoderModel model;

  public Generator(DecoderModel model) {
    this.model = model;
  }

  /** One prompt; returns only the new tokens (a stop token, when hit, is the last one). */
  public int[] generate(int[] prompt, GenerationConfig config) {
    return generate(List.of(prompt), config).get(0);
  }

  /**
   * A batch of prompts of any lengths; returns the new tokens of each. A single prompt of a small
   * model on the CPU ({@link #decodesOnOneThread}) is decoded with one intra-op thread.
   */
  public List<int[]> generate(List<int[]> prompts, GenerationConfig config) {
    try (NoGrad ignored = NoGrad.enter()) { // inference: no graph, on whichever thread calls
      return decodesOnOneThread(prompts.size())
          ? EngineThreads.during(1, () -> decode(prompts, config))
          : decode(prompts, config);
    }
  }

  /**
   * Whether a batch of this many rows decodes with one intra-op thread: a single row on the CPU
   * whose layer's largest product (hidden × intermediate) is at most {@value
   * #ONE_THREAD_MAX_PRODUCT}. Each op of such a step is one row, smaller than what splitting it
   * across threads pays for, and at every op the threads wait for each other: one thread decoded
   * 1.3× (3.2M parameters, 256 × 688) and 1.2× (25.8M, 512 × 1,376) as many tokens/s as two on 2
   * cores, the medians of eight and three rounds (docs/benchmarks.md). Larger models and batches
   * keep the engine's threads.
   */
  boolean decodesOnOneThread(int rows) {
    ModelConfig c = model.config();
    return rows == 1
        && (long) c.hiddenSize() * c.intermediateSize() <= ONE_THREAD_MAX_PRODUCT
        && model.manager().getDevice().getDeviceType().equals(Device.Type.CPU);
  }

  private List<int[]> decode(List<int[]> prompts, GenerationConfig config) {
    int b = prompts.size();
    int p = prompts.stream().mapToInt(x -> x.length).max().orElse(0);
    if (prompts.stream().anyMatch(x -> x.length == 0)) {
      throw new CogpoException("every prompt needs at least one token (a BOS token, say)");
    }
    int capacity = p + config.maxNewTokens();
    long[][] tokens = new long[b][capacity]; // left padded prompt, then generated
    long[][] mask = new long[b][capacity];
    for (int i = 0; i < b; i++) {
      int[] prompt = prompts.get(i);
      int pad = p - prompt.length;
      Arrays.fill(tokens[i], 0, pad, config.padTokenId());
      for (int j = 0; j < prompt.length; j++) {
        tokens[i][pad + j] = prompt[j];
        mask[i][pad + j] = 1;
      }
    }
    TokenSampler sampler = new TokenSampler(config);
    int vocab = model.config().vocabSize();
    boolean[] finished = new boolean[b];
    int[] produced = new int[b];
    // prompts of one length leave no padding: the model then needs no attention mask
    boolean padded = prompts.stream().anyMatch(x -> x.length != p);
    int length = p;
    try (NDManager scope = model.manager().newSubManager();
        KvCache cache = config.useCache() ? model.newCache(scope, capacity) : null) {
      while (length < capacity && !allTrue(finished)) {
        float[] last;
        try (NDManager step = scope.newSubManager()) {
          int from = cache == null ? 0 : cache.length();
          NDArray ids = step.create(slice(tokens, from, length)); // (B, S - from)
          NDArray attention = padded ? step.create(slice(mask, 0, length)) : null; // (B, S)
          NDArray hidden = model.hiddenStates(ids, attention, cache); // (B, S - from, C)
          NDArray lastHidden =
              length - from == 1 ? hidden : hidden.get(new NDIndex(":, {}:", length - from - 1));
          last = model.logits(lastHidden).toFloatArray(); // (B, 1, V) flattened
        }
        for (int i = 0; i < b; i++) {
          int next = finished[i] ? config.padTokenId() : sampler.next(last, i * vocab, vocab);
          tokens[i][length] = next;
          mask[i][length] = 1;
          if (!finished[i]) {
            produced[i]++;
            finished[i] = config.stopTokens().contains(next);
          }
        }
        length++;
      }
    }
    List<int[]> out = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      int[] fresh = new int[produced[i]];
      for (int j = 0; j < fresh.length; j++) {
        fresh[j] = (int) tokens[i][p + j];
      }
      out.add(fresh);
    }
    return out;
  }

  private static long[][] slice(long[][] rows, int from, int to) {
    long[][] out = new long[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = Arrays.copyOfRange(rows[i], from, to);
    }
    return out;
  }

  private static boolean allTrue(boolean[] flags) {
    for (boolean f : flags) {
      if (!f) {
        return false;
      }
    }
    return true;
  }
}
