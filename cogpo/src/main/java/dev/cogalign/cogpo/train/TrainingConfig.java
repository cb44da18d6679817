package dev.cogalign.cogpo.train;

import dev.cogalign.cogpo.train.data.PromptFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that decides what a training run computes. Build it with {@link #builder()}, whose
 * {@code build()} fails naming every bad value.
 *
 * @param method sft, dpo or cogpo
 * @param learningRate peak learning rate
 * @param steps optimizer steps to take, or 0 to run {@code epochs} epochs
 * @param epochs passes over the data when {@code steps} is 0
 * @param batchSize examples (pairs for DPO/CogPO) per micro-batch
 * @param gradAccumulation micro-batches per optimizer step
 * @param optimizer adamw or sgd
 * @param weightDecay AdamW's decoupled weight decay (must be 0 with sgd)
 * @param warmupSteps linear warm-up steps before the cosine decay
 * @param maxGradNorm clip the global gradient norm to this, 0 = no clipping
 * @param maxLength the most tokens of prompt + completion; longer examples are truncated and
 *     counted
 * @param beta DPO's beta, and CogPO's for pairs that carry none
 * @param labelSmoothing ε of the preference loss
 * @param nllWeight α of the NLL term on the chosen completion (0 = none)
 * @param seed seeds the per-epoch shuffle
 * @param checkpointEvery save a checkpoint every this many steps (0 = only at the end)
 * @param referenceMode cached reference log-probs, or a frozen reference model
 * @param promptFormat how text data is tokenized (ids in the data are used as given)
 * @param precision the dtype the weights train in (fp32|fp16|bf16); {@code null} (a job stored
 *     before precision was an option) reads as {@link #DEFAULT_PRECISION}
 */
public record TrainingConfig(
    Method method,
    double learningRate,
    int steps,
    int epochs,
    int batchSize,
    int gradAccumulation,
    OptimizerKind optimizer,
    double weightDecay,
    int warmupSteps,
    double maxGradNorm,
    int maxLength,
    double beta,
    double labelSmoothing,
    double nllWeight,
    long seed,
    int checkpointEvery,
    ReferenceMode referenceMode,
    PromptFormat promptFormat,
    TrainingPrecision precision,
    boolean groupByLength) {

  /** transformers' SFTConfig default. */
  public static final double DEFAULT_SFT_LEARNING_RATE = 2e-5;

  /** TRL's DPOConfig default. */
  public static final double DEFAULT_PREFERENCE_LEARNING_RATE = 1e-6;

  public static final int DEFAULT_EPOCHS = 1;
  public static final int DEFAULT_BATCH_SIZE = 8;
  public static final int DEFAULT_GRAD_ACCUMULATION = 1;
  public static final OptimizerKind DEFAULT_OPTIMIZER = OptimizerKind.ADAMW;
  public static final double DEFAULT_WEIGHT_DECAY = 0.0;
  public static final int DEFAULT_WARMUP_STEPS = 0;

  /** transformers' default, for AdamW; plain SGD is not clipped unless asked. */
  public static final double DEFAULT_MAX_GRAD_NORM = 1.0;

  public static final int DEFAULT_MAX_LENGTH = 1024;
  public static final double DEFAULT_BETA = 0.1;
  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_CHECKPOINT_EVERY = 0;
  public static final ReferenceMode DEFAULT_REFERENCE_MODE = ReferenceMode.CACHED;
  public static final PromptFormat DEFAULT_PROMPT_FORMAT = PromptFormat.AUTO;

  /** float32 on every device: the one precision DJL 0.36 has been measured to train in. */
  public static final TrainingPrecision DEFAULT_PRECISION = TrainingPrecision.FP32;

  public TrainingConfig {
    if (precision == null) {
      precision = DEFAULT_PRECISION;
    }
    List<String> bad = new ArrayList<>();
    if (method == null) {
      bad.add("method is required (" + Method.allowed() + ")");
    }
    if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
      bad.add("learning rate " + learningRate + " must be finite and >= 0");
    }
    if (steps < 0 || epochs < 0 || (steps == 0) == (epochs == 0)) {
      bad.add("steps " + steps + " and epochs " + epochs + ": set exactly one of them, > 0");
    }
    positive(bad, "batch size", batchSize);
    positive(bad, "gradient accumulation", gradAccumulation);
    if (optimizer == null) {
      bad.add("optimizer is required (adamw|sgd)");
    }
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      bad.add("weight decay " + weightDecay + " must be finite and >= 0");
    } else if (optimizer == OptimizerKind.SGD && weightDecay != 0) {
      bad.add("weight decay " + weightDecay + " with sgd: plain SGD has none");
    }
    if (warmupSteps < 0) {
      bad.add("warm-up steps " + warmupSteps + " must be >= 0");
    }
    if (!(maxGradNorm >= 0) || Double.isInfinite(maxGradNorm)) {
      bad.add("max grad norm " + maxGradNorm + " must be finite and >= 0 (0 = off)");
    }
    if (maxLength < 2) {
      bad.add("max length " + maxLength + " must be >= 2");
    }
    if (!(beta > 0) || Double.isInfinite(beta)) {
      bad.add("beta " + beta + " must be finite and > 0");
    }
    if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
      bad.add("label smoothing " + labelSmoothing + " must be in [0, 0.5)");
    }
    if (!(nllWeight >= 0) || Double.isInfinite(nllWeight)) {
      bad.add("NLL weight " + nllWeight + " must be finite and >= 0");
    }
    if (checkpointEvery < 0) {
      bad.add("checkpoint interval " + checkpointEvery + " must be >= 0 (0 = only at the end)");
    }
    if (referenceMode == null) {
      bad.add("reference mode is required (cached|frozen)");
    }
    if (promptFormat == null) {
      bad.add("prompt format is required (auto|chat|raw)");
    }
    String refusal = precision.engineRefusal();
    if (refusal != null) {
      bad.add(refusal);
    }
    if (!bad.isEmpty()) {
      throw new InvalidTrainingConfigException(String.join("; ", bad));
    }
  }

  private static void positive(List<String> bad, String name, int value) {
    if (value < 1) {
      bad.add(name + " " + value + " must be >= 1");
    }
  }

  /** Examples consumed by one optimizer step. */
  public int examplesPerStep() {
    return batchSize * gradAccumulation;
  }

  /** The optimizer steps of a run over {@code examples} examples. */
  public int totalSteps(int examples) {
    if (steps > 0) {
      return steps;
    }
    return epochs * stepsPerEpoch(examples);
  }

  /** Optimizer steps per pass over the data; the last one may be short. */
  public int stepsPerEpoch(int examples) {
    return Math.max(1, (examples + examplesPerStep() - 1) / examplesPerStep());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts a builder from this config's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.method = method;
    b.learningRate = learningRate;
    b.steps = steps;
    b.epochs = epochs;
    b.batchSize = batchSize;
    b.gradAccumulation = gradAccumulation;
    b.optimizer = optimizer;
    b.weightDecay = weightDecay;
    b.warmupSteps = warmupSteps;
    b.maxGradNorm = maxGradNorm;
    b.maxLength = maxLength;
    b.beta = beta;
    b.labelSmoothing = labelSmoothing;
    b.nllWeight = nllWeight;
    b.seed = seed;
    b.checkpointEvery = checkpointEvery;
    b.referenceMode = referenceMode;
    b.promptFormat = promptFormat;
    b.precision = precision;
    b.groupByLength = groupByLength;
    return b;
  }

  /** Collects options; unset ones take their {@code DEFAULT_*}. */
  public static final class Builder {
    private Method method;
    private Double learningRate;
    private int steps;
    private int epochs;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int gradAccumulation = DEFAULT_GRAD_ACCUMULATION;
    private OptimizerKind optimizer = DEFAULT_OPTIMIZER;
    private double weightDecay = DEFAULT_WEIGHT_DECAY;
    private int warmupSteps = DEFAULT_WARMUP_STEPS;
    private Double maxGradNorm;
    private int maxLength = DEFAULT_MAX_LENGTH;
    private double beta = DEFAULT_BETA;
    private double labelSmoothing = 0.0;
    private double nllWeight = 0.0;
    private long seed = DEFAULT_SEED;
    private int checkpointEvery = DEFAULT_CHECKPOINT_EVERY;
    private ReferenceMode referenceMode = DEFAULT_REFERENCE_MODE;
    private PromptFormat promptFormat = DEFAULT_PROMPT_FORMAT;
    private TrainingPrecision precision = DEFAULT_PRECISION;
    private boolean groupByLength;

    private Builder() {}

    public Builder method(Method v) {
      method = v;
      return this;
    }

    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    public Builder steps(int v) {
      steps = v;
      return this;
    }

    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder gradAccumulation(int v) {
      gradAccumulation = v;
      return this;
    }

    public Builder optimizer(OptimizerKind v) {
      optimizer = v;
      return this;
    }

    public Builder weightDecay(double v) {
      weightDecay = v;
      return this;
    }

    public Builder warmupSteps(int v) {
      warmupSteps = v;
      return this;
    }

    public Builder maxGradNorm(double v) {
      maxGradNorm = v;
      return this;
    }

    public Builder maxLength(int v) {
      maxLength = v;
      return this;
    }

    public Builder beta(double v) {
      beta = v;
      return this;
    }

    public Builder labelSmoothing(double v) {
      labelSmoothing = v;
      return this;
    }

    public Builder nllWeight(double v) {
      nllWeight = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder checkpointEvery(int v) {
      checkpointEvery = v;
      return this;
    }

    public Builder referenceMode(ReferenceMode v) {
      referenceMode = v;
      return this;
    }

    public Builder promptFormat(PromptFormat v) {
      promptFormat = v;
      return this;
    }

    public Builder precision(TrainingPrecision v) {
      precision = v;
      return this;
    }

    /**
     * Batches of rows of similar length (transformers' {@code group_by_length}); off by default.
     */
    public Builder groupByLength(boolean v) {
      groupByLength = v;
      return this;
    }

    /** The config; fails naming every bad value. */
    public TrainingConfig build() {
      double lr =
          learningRate != null
              ? learningRate
              : method == Method.SFT ? DEFAULT_SFT_LEARNING_RATE : DEFAULT_PREFERENCE_LEARNING_RATE;
      int e = steps == 0 && epochs == 0 ? DEFAULT_EPOCHS : epochs;
      double clip =
          maxGradNorm != null
              ? maxGradNorm
              : optimizer == OptimizerKind.SGD ? 0.0 : DEFAULT_MAX_GRAD_NORM;
      return new TrainingConfig(
          method,
          lr,
          steps,
          e,
          batchSize,
          gradAccumulation,
          optimizer,
          weightDecay,
          warmupSteps,
          clip,
          maxLength,
          beta,
          labelSmoothing,
          nllWeight,
          seed,
          checkpointEvery,
          referenceMode,
          promptFormat,
          precision,
          groupByLength);
    }
  }
}
