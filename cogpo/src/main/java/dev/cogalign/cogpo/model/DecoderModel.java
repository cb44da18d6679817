package dev.cogalign.cogpo.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Llama / Qwen2 decoder-only transformer: token embedding, L {@link DecoderBlock}s, a final
 * {@link RmsNorm} and the output head (tied to the embedding or its own {@code lm_head}).
 *
 * <p>Dimensions: B batch, T new tokens, S all tokens attended to (cached + new), C hidden size, V
 * vocabulary, D head dim.
 *
 * <p>Parameters are named as in Hugging Face checkpoints ({@link #namedParameters()}). The model
 * owns its weights in its own {@link NDManager}; every forward's intermediates are attached to the
 * manager of the input ids, so scope each call in a sub-manager of the caller's.
 */
public final class DecoderModel extends ModelBlock implements AutoCloseable {

  /** Storage dtype written on save when a weight was not loaded from a checkpoint. */
  public static final String DEFAULT_STORAGE_DTYPE = "F32";

  /** Standard deviation of the normal initialization of matrices (transformers' default). */
  public static final float DEFAULT_INIT_STD = 0.02f;

  private final ModelConfig config;
  private final NDManager manager;
  private final Parameter embedTokens;
  private final Parameter lmHead;
  private final List<DecoderBlock> layers = new ArrayList<>();
  private final RmsNorm norm;
  private final RotaryEmbedding rotary;
  private final Map<String, Parameter> named = new LinkedHashMap<>();
  private final Map<String, Shape> shapes = new LinkedHashMap<>();
  private final Map<String, String> storageDtypes = new LinkedHashMap<>();

  private DecoderModel(ModelConfig config, NDManager parent) {
    this.config = config;
    this.manager = parent.newSubManager();
    Constants constants = new Constants(manager);
    int c = config.hiddenSize();
    embedTokens =
        parameter(
            "model.embed_tokens.weight", Parameter.Type.WEIGHT, new Shape(config.vocabSize(), c));
    for (int i = 0; i < config.numLayers(); i++) {
      layers.add(addChildBlock("layer" + i, new DecoderBlock(i, config, constants)));
    }
    norm = addChildBlock("norm", new RmsNorm("model.norm", c, config.rmsNormEps(), constants));
    lmHead =
        config.tieWordEmbeddings()
            ? null
            : parameter("lm_head.weight", Parameter.Type.WEIGHT, new Shape(config.vocabSize(), c));
    rotary = new RotaryEmbedding(config.rope(), config.headDim(), manager);
    collect(this);
  }

  /** A model with unset weights; fill them with {@link #setWeight} or {@link #initializeRandom}. */
  public static DecoderModel create(ModelConfig config, NDManager parent) {
    return new DecoderModel(config, parent);
  }

  private void collect(ModelBlock block) {
    for (Map.Entry<String, Shape> e : block.expectedShapes().entrySet()) {
      shapes.put(e.getKey(), e.getValue());
    }
    for (Parameter p : block.getDirectParameters().values()) {
      named.put(p.getName(), p);
    }
    block.getChildren().values().forEach(child -> collect((ModelBlock) child));
  }

  public ModelConfig config() {
    return config;
  }

  /** The manager holding the weights. */
  public NDManager manager() {
    return manager;
  }

  /**
   * Every parameter by its checkpoint name, in checkpoint order (embedding, layers, norm, head).
   */
  public Map<String, Parameter> namedParameters() {
    Map<String, Parameter> ordered = new LinkedHashMap<>(named);
    if (lmHead != null) {
      ordered.remove(lmHead.getName());
      ordered.put(lmHead.getName(), lmHead);
    }
    return Collections.unmodifiableMap(ordered);
  }

  /** The parameter with this checkpoint name; fails naming it when there is none. */
  public Parameter parameter(String name) {
    Parameter p = named.get(name);
    if (p == null) {
      throw new TensorMismatchException(name, "not a parameter of this " + config.architecture());
    }
    return p;
  }

  /** The shape a checkpoint tensor of this name must have. */
  public Shape expectedShape(String name) {
    parameter(name);
    return shapes.get(name);
  }

  /** The dtype this weight had in its checkpoint (F32, F16, BF16), written back on save. */
  public String storageDtype(String name) {
    return storageDtypes.getOrDefault(name, DEFAULT_STORAGE_DTYPE);
  }

  /**
   * Sets a weight from a float32 array, which this model then owns; a weight set twice is
   * overwritten in place.
   *
   * @throws TensorMismatchException for an unknown name or a wrong shape, naming the tensor
   */
  public void setWeight(String name, NDArray value, String storageDtype) {
    Parameter p = parameter(name);
    Shape expected = shapes.get(name);
    if (!value.getShape().equals(expected)) {
      throw new TensorMismatchException(
          name, "shape " + value.getShape() + " does not match the expected " + expected);
    }
    NDArray floats =
        value.getDataType() == DataType.FLOAT32 ? value : value.toType(DataType.FLOAT32, false);
    if (p.isInitialized()) {
      floats.copyTo(p.getArray());
      floats.close();
    } else {
      floats.attach(manager);
      p.setArray(floats);
    }
    storageDtypes.put(name, storageDtype);
  }

  /** Names of parameters that have no array yet. */
  public List<String> unsetWeights() {
    List<String> missing = new ArrayList<>();
    named.forEach(
        (n, p) -> {
          if (!p.isInitialized()) {
            missing.add(n);
          }
        });
    return missing;
  }

  /**
   * Random initialization as transformers does it: matrices from N(0, std), norms at one, biases at
   * zero; seeded through the engine.
   */
  public void initializeRandom(long seed, float std) {
    Engine.getEngine(manager.getEngine().getEngineName()).setRandomSeed((int) seed);
    for (Map.Entry<String, Parameter> e : named.entrySet()) {
      String name = e.getKey();
      Shape shape = shapes.get(name);
      NDArray value;
      if (name.endsWith("norm.weight")) {
        value = manager.ones(shape);
      } else if (name.endsWith(".bias")) {
        value = manager.zeros(shape);
      } else {
        value = manager.randomNormal(0f, std, shape, DataType.FLOAT32);
      }
      setWeight(name, value, DEFAULT_STORAGE_DTYPE);
    }
  }

  /** Marks every weight as requiring (or not) a gradient, for training with a GradientCollector. */
  public void setTrainable(boolean trainable) {
    named.values().forEach(p -> p.getArray().setRequiresGradient(trainable));
  }

  /** A fresh KV cache for incremental decoding that grows by concatenation; close it when done. */
  public KvCache newCache(NDManager parent) {
    return new KvCache(parent, config.numLayers(), 0);
  }

  /**
   * A fresh KV cache of a fixed number of positions (prompt plus new tokens), written in place;
   * close it when done.
   */
  public KvCache newCache(NDManager parent, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("KV cache capacity " + capacity + " must be >= 1");
    }
    return new KvCache(parent, config.numLayers(), capacity);
  }

  /**
   * Logits of every position.
   *
   * @param inputIds (B, T) int64 token ids
   * @param attentionMask (B, T) with 1 for real tokens and 0 for padding, or null for all real
   * @return (B, T, V) float32
   */
  public NDArray forward(NDArray inputIds, NDArray attentionMask) {
    return forward(inputIds, attentionMask, null);
  }

  /**
   * Logits of the new tokens, reading and extending a KV cache.
   *
   * @param inputIds (B, T) the new tokens
   * @param attentionMask (B, S) over cached and new tokens (S = cache length + T), or null
   * @param cache the cache, or null to attend to the new tokens only
   * @return (B, T, V)
   */
  public NDArray forward(NDArray inputIds, NDArray attentionMask, KvCache cache) {
    return logits(hiddenStates(inputIds, attentionMask, cache));
  }

  /** The output head applied to final hidden states (B, T, C), giving (B, T, V). */
  public NDArray logits(NDArray hidden) {
    return linear(hidden, lmHead == null ? embedTokens : lmHead, null);
  }

  /**
   * Final hidden states (after the last norm), (B, T, C). Positions are counted over real tokens
   * ({@code cumsum(mask) - 1}), so left-padded rows get the same positions as unpadded ones.
   * Without a mask every token is real: positions are {@code cached..S-1} in every row, and a
   * single new token may attend to all of them, so its attention needs no mask at all.
   */
  public NDArray hiddenStates(NDArray inputIds, NDArray attentionMask, KvCache cache) {
    NDManager m = inputIds.getManager();
    long b = inputIds.getShape().get(0);
    int t = (int) inputIds.getShape().get(1);
    int past = cache == null ? 0 : cache.length();
    int s = past + t;
    NDList cosSin; // (B, 1, T, D) each, or (T, D) when every row has the same positions
    NDArray maskBias; // (B, 1, 1, T, S), (1, 1, 1, T, S) or none
    if (attentionMask == null) {
      cosSin = rotary.cosSin(past, s, m);
      maskBias = t == 1 ? null : maskBias(causal(m, past, t, s));
    } else {
      NDArray mask = attentionMask.toType(DataType.INT64, false);
      if (!mask.getShape().equals(new Shape(b, s))) {
        throw new IllegalArgumentException(
            "attention mask "
                + mask.getShape()
                + " must be (B, cached + new) = "
                + new Shape(b, s));
      }
      NDArray positions =
          mask.cumSum(1).sub(1).maximum(0).get(new NDIndex(":, {}:", past)); // (B,T)
      cosSin = rotary.cosSin(positions, s);
      NDArray notPadding = mask.gt(0).reshape(b, 1, 1, 1, s); // (B, 1, 1, 1, S)
      maskBias = maskBias(causal(m, past, t, s).logicalAnd(notPadding)); // (B, 1, 1, T, S)
    }

    NDArray x =
        Embedding.embedding(inputIds, embedTokens.getArray(), SparseFormat.DENSE)
            .singletonOrThrow(); // (B, T, C)
    for (DecoderBlock layer : layers) {
      x = layer.forward(x, cosSin.get(0), cosSin.get(1), maskBias, cache);
    }
    if (cache != null) {
      cache.advance(t);
    }
    return norm.forward(x);
  }

  /** (1, 1, 1, T, S): whether query t (at position cached + t) may see key s, i.e. s <= it. */
  private static NDArray causal(NDManager m, int past, int t, int s) {
    NDArray keyIndex = m.arange(0, s, 1, DataType.INT64).reshape(1, s); // (1, S)
    NDArray queryIndex = m.arange(past, s, 1, DataType.INT64).reshape(t, 1); // (T, 1)
    return keyIndex.lte(queryIndex).reshape(1, 1, 1, t, s); // (1, 1, 1, T, S)
  }

  /** 0 where allowed, the lowest float elsewhere (finite, so fully padded rows stay finite). */
  private static NDArray maskBias(NDArray allowed) {
    return allowed.toType(DataType.FLOAT32, false).sub(1).mul(Float.MAX_VALUE);
  }

  /**
   * Log-probability of each next token: entry t is log p(ids[t+1] | ids[..t]).
   *
   * @return (B, T-1)
   */
  public NDArray tokenLogProbs(NDArray inputIds, NDArray attentionMask) {
    long t = inputIds.getShape().get(1);
    NDArray logits = forward(inputIds, attentionMask); // (B, T, V)
    NDArray logp = logits.get(new NDIndex(":, 0:{}", t - 1)).logSoftmax(2); // (B, T-1, V)
    NDArray targets = inputIds.get(new NDIndex(":, 1:")).expandDims(2); // (B, T-1, 1)
    return logp.gather(targets, 2).squeeze(2); // (B, T-1)
  }

  /**
   * Per-sequence sums of completion token log-probs, differentiable (accumulated in float64).
   *
   * @param inputIds (B, T) prompt and completion, padded
   * @param attentionMask (B, T) 1 for real tokens
   * @param completionMask (B, T) 1 at the completion tokens whose log-prob is summed (prompt and
   *     padding 0); position 0 is never scored
   * @return (B) float64
   */
  public NDArray completionLogProbs(
      NDArray inputIds, NDArray attentionMask, NDArray completionMask) {
    NDArray tokens = tokenLogProbs(inputIds, attentionMask); // (B, T-1)
    // float64 mask: the product is promoted to float64 (differentiably), so the sums of hundreds
    // of log-probs are exact to float32 token precision; losses built on them stay precise too
    NDArray scored = completionMask.get(new NDIndex(":, 1:")).toType(DataType.FLOAT64, false);
    return tokens.mul(scored).sum(new int[] {1}); // (B)
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray mask = inputs.size() > 1 ? inputs.get(1) : null;
    return new NDList(forward(inputs.get(0), mask));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape ids = inputShapes[0];
    return new Shape[] {new Shape(ids.get(0), ids.get(1), config.vocabSize())};
  }

  @Override
  public void close() {
    rotary.close();
    manager.close();
  }
}
