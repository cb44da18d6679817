package dev.cogalign.cogpo.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import dev.cogalign.cogpo.model.DecoderModel;
import dev.cogalign.cogpo.model.NoGrad;
import dev.cogalign.cogpo.model.Scalars;
import dev.cogalign.cogpo.train.data.EpochSampler;
import dev.cogalign.cogpo.train.data.PreferenceBatch;
import dev.cogalign.cogpo.train.data.SequenceBatch;
import dev.cogalign.cogpo.train.data.TokenizedExample;
import dev.cogalign.cogpo.train.data.TokenizedPair;
import dev.cogalign.cogpo.train.data.TokenizerTextEncoder;
import dev.cogalign.cogpo.train.data.TrainingData;
import dev.cogalign.cogpo.train.data.Truncation;
import dev.cogalign.cogpo.train.loss.CompletionLogProbs;
import dev.cogalign.cogpo.train.loss.PairLogProbs;
import dev.cogalign.cogpo.train.loss.PreferenceLoss;
import dev.cogalign.cogpo.train.loss.PreferenceMetrics;
import dev.cogalign.cogpo.train.loss.SftLoss;
import dev.cogalign.cogpo.train.optim.AdamW;
import dev.cogalign.cogpo.train.optim.Gradients;
import dev.cogalign.cogpo.train.optim.LearningRateSchedule;
import dev.cogalign.cogpo.train.optim.Optimizer;
import dev.cogalign.cogpo.train.optim.Sgd;
import dev.cogalign.cogpo.train.reference.CachedReference;
import dev.cogalign.cogpo.train.reference.FrozenReference;
import dev.cogalign.cogpo.train.reference.ReferenceLogProbCache;
import dev.cogalign.cogpo.train.reference.ReferenceLogProbs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run: SFT, DPO or CogPO on a Hugging Face checkpoint, with gradient accumulation,
 * clipping, a warm-up + cosine schedule, checkpoints and exact resume. Start it with {@link
 * #run(TrainingJob, TrainingListener)}.
 *
 * <p>Every optimizer step: the step's examples are split into micro-batches of {@code batchSize};
 * each micro-batch's loss is weighted by its share of the step (pairs for DPO/CogPO, completion
 * tokens for SFT) and back-propagated, so the accumulated gradient is that of the step's mean loss;
 * then the global norm is clipped, the optimizer steps at the scheduled rate, and the gradients are
 * zeroed. Each step's arrays live in a sub-manager closed at its end.
 */
public final class TrainingRun {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

  public static final String CHECKPOINTS_DIR = "checkpoints";
  public static final String CHECKPOINT_MODEL_DIR = "model";
  public static final String OPTIMIZER_FILE = "optimizer.bin";

  /** Padding id: never attended to nor scored, so any id works. */
  static final long PAD_ID = 0;

  private final TrainingJob job;
  private final TrainingConfig config;
  private final TrainingListener listener;

  private TrainingRun(TrainingJob job, TrainingListener listener) {
    this.job = job;
    this.config = job.config();
    this.listener = listener;
  }

  /** Runs the job to its step budget (or until the listener cancels it). */
  public static TrainingSummary run(TrainingJob job, TrainingListener listener) {
    // grad mode is per thread (on by default on any thread but the engine's loader): off for the
    // whole run, so the reference forward and the optimizer record nothing; each step's
    // GradientCollector turns it on for the policy's forward and backward only
    try (NoGrad ignored = NoGrad.enter()) {
      return new TrainingRun(job, listener).execute();
    }
  }

  /** The folder of the checkpoint written after {@code step} steps. */
  public static Path checkpointDir(Path outDir, int step) {
    return outDir.resolve(CHECKPOINTS_DIR).resolve("checkpoint-" + step);
  }

  /** The data after tokenization and truncation: pairs (DPO/CogPO) or examples (SFT). */
  private record Data(
      List<TokenizedPair> pairs, List<TokenizedExample> examples, Truncation.Report truncation) {
    int size() {
      return pairs != null ? pairs.size() : examples.size();
    }
  }

  private Data readData() {
    try (TokenizerTextEncoder encoder =
        new TokenizerTextEncoder(job.modelDir(), config.promptFormat())) {
      if (config.method().isPreference()) {
        Truncation.Result<TokenizedPair> r =
            Truncation.pairs(
                TrainingData.readPairs(
                    job.dataFile(), encoder, config.beta(), config.method() == Method.COGPO),
                config.maxLength());
        return new Data(r.items(), null, r.report());
      }
      Truncation.Result<TokenizedExample> r =
          Truncation.examples(
              TrainingData.readExamples(job.dataFile(), encoder), config.maxLength());
      return new Data(null, r.items(), r.report());
    }
  }

  private TrainingSummary execute() {
    // before anything is read or loaded: fp16 on a CPU is refused here, bf16 already by the config
    config.precision().requireSupportedOn(Engine.getInstance().defaultDevice());
    boolean preference = config.method().isPreference();
    Data data = readData();
    List<TokenizedPair> pairs = data.pairs();
    List<TokenizedExample> examples = data.examples();
    Truncation.Report truncation = data.truncation();
    if (truncation.truncated() > 0) {
      LOG.warn("max length {}: {}", config.maxLength(), truncation.describe());
    }
    int size = data.size();
    if (size == 0) {
      throw new TrainException("no training examples in " + job.dataFile());
    }
    int totalSteps = config.totalSteps(size);
    TrainerState start =
        job.resumeFrom() == null
            ? new TrainerState(0, 0, 0, config.seed(), totalSteps, size, identity(data, totalSteps))
            : resumeState(size, totalSteps, identity(data, totalSteps));
    LearningRateSchedule schedule =
        new LearningRateSchedule(config.learningRate(), config.warmupSteps(), totalSteps);
    Path startModel =
        job.resumeFrom() == null ? job.modelDir() : job.resumeFrom().resolve(CHECKPOINT_MODEL_DIR);

    try (NDManager manager = NDManager.newBaseManager();
        DecoderModel policy = HfCheckpoint.load(startModel, manager);
        ReferenceLogProbs reference =
            preference ? openReference(visited(data, start, totalSteps), manager) : null;
        Optimizer optimizer = newOptimizer(manager);
        MetricsLog log = MetricsLog.resume(job.outDir(), start.step())) {
      TrainingPrecision precision = config.precision();
      precision.apply(policy);
      policy.setTrainable(true);
      LOG.info("training in {} on {}", precision, manager.getDevice());
      if (job.resumeFrom() != null) {
        loadOptimizer(optimizer, job.resumeFrom().resolve(OPTIMIZER_FILE));
      }
      Map<String, NDArray> parameters = new LinkedHashMap<>();
      for (Map.Entry<String, Parameter> e : policy.namedParameters().entrySet()) {
        parameters.put(e.getKey(), e.getValue().getArray());
      }
      Gradients.zero(parameters);
      EpochSampler sampler = sampler(data, start);
      PreferenceLoss loss = new PreferenceLoss(config.labelSmoothing(), config.nllWeight());
      int step = start.step();
      double lastLoss = Double.NaN;
      boolean cancelled = false;
      while (step < totalSteps) {
        if (listener.isCancelled()) {
          cancelled = true;
          break;
        }
        List<Integer> indices = sampler.next(config.examplesPerStep());
        long began = System.nanoTime();
        Map<String, Double> values = new LinkedHashMap<>();
        StepOutcome outcome =
            preference
                ? preferenceStep(
                    policy, reference, loss, indices.stream().map(pairs::get).toList(), manager)
                : sftStep(policy, indices.stream().map(examples::get).toList(), manager);
        double gradNorm = Gradients.clipByGlobalNorm(parameters, config.maxGradNorm());
        if (!Double.isFinite(outcome.loss()) || !Double.isFinite(gradNorm)) {
          throw new TrainException(nonFiniteStep(step + 1, outcome.loss(), gradNorm, parameters));
        }
        double lr = schedule.at(step);
        optimizer.step(parameters, lr);
        Gradients.zero(parameters);
        step++;
        double seconds = (System.nanoTime() - began) / 1e9;
        values.put("loss", outcome.loss());
        values.put("grad_norm", gradNorm);
        values.put("learning_rate", lr);
        if (outcome.preference() != null) {
          values.putAll(outcome.preference().toMap());
        }
        values.put("tokens_per_second", outcome.tokens() / seconds);
        values.put("epoch", sampler.epochProgress());
        StepMetrics metrics = new StepMetrics(step, values);
        log.write(metrics);
        listener.onStep(metrics);
        lastLoss = outcome.loss();
        if (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0) {
          saveCheckpoint(policy, optimizer, sampler, step, totalSteps, size, start.identity());
        }
      }
      if (cancelled && (config.checkpointEvery() == 0 || step % config.checkpointEvery() != 0)) {
        saveCheckpoint(policy, optimizer, sampler, step, totalSteps, size, start.identity());
      }
      HfCheckpoint.save(policy, job.outDir(), job.modelDir());
      LOG.info("trained {} steps; model in {}", step, job.outDir());
      return new TrainingSummary(
          step,
          cancelled,
          lastLoss,
          job.outDir(),
          truncation,
          reference == null ? 0 : reference.forwardPasses());
    }
  }

  /** Parameters named in a non-finite step's message, at most. */
  static final int NON_FINITE_NAMES_SHOWN = 5;

  /**
   * Why step {@code step} (1-based) stops the run: its loss and gradient norm, and the parameters
   * whose gradient is not finite; nothing of the step has been applied to the weights.
   */
  static String nonFiniteStep(
      int step, double loss, double gradNorm, Map<String, NDArray> parameters) {
    List<String> bad = Gradients.nonFinite(parameters);
    String where =
        bad.isEmpty()
            ? "every gradient is finite"
            : "non-finite gradient in "
                + bad.size()
                + " of "
                + parameters.size()
                + " parameters: "
                + String.join(", ", bad.subList(0, Math.min(bad.size(), NON_FINITE_NAMES_SHOWN)))
                + (bad.size() > NON_FINITE_NAMES_SHOWN ? ", ..." : "");
    return "step "
        + step
        + ": loss "
        + loss
        + ", gradient norm "
        + gradNorm
        + " ("
        + where
        + "); the step was not applied and the run stops";
  }

  /** A step's mean loss, its preference metrics (null for SFT) and the tokens the policy read. */
  private record StepOutcome(double loss, PreferenceMetrics preference, long tokens) {}

  private StepOutcome preferenceStep(
      DecoderModel policy,
      ReferenceLogProbs reference,
      PreferenceLoss loss,
      List<TokenizedPair> pairs,
      NDManager manager) {
    double meanLoss = 0;
    PreferenceMetrics metrics = null;
    long tokens = 0;
    try (NDManager stepScope = manager.newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      for (int from = 0; from < pairs.size(); from += config.batchSize()) {
        List<TokenizedPair> micro =
            pairs.subList(from, Math.min(pairs.size(), from + config.batchSize()));
        int n = micro.size();
        PreferenceBatch batch = PreferenceBatch.of(micro, PAD_ID);
        SequenceBatch s = batch.sequences();
        try (NDManager scope = stepScope.newSubManager()) {
          NDArray logps =
              CompletionLogProbs.sums(policy, s, s.idsArray(scope), s.attentionMaskArray(scope));
          NDList ref = reference.of(micro, batch, scope);
          PreferenceLoss.Result result =
              loss.compute(
                  new PairLogProbs(logps.get("0:" + n), logps.get(n + ":"), ref.get(0), ref.get(1)),
                  batch.betas(),
                  batch.miniTasks(),
                  batch.chosenTokens());
          double weight = (double) n / pairs.size();
          collector.backward(weighted(result.loss(), weight));
          meanLoss += result.loss().getFloat() * weight;
          metrics = metrics == null ? result.metrics() : metrics.plus(result.metrics());
          tokens += s.realTokens();
        }
      }
    }
    return new StepOutcome(meanLoss, metrics, tokens);
  }

  /**
   * A micro-batch's loss scaled by its share of the step (through {@link Scalars}: the backward
   * pass reads the weight, so it must live in engine-owned memory).
   */
  static NDArray weighted(NDArray loss, double weight) {
    return Scalars.mul(loss, weight);
  }

  private StepOutcome sftStep(DecoderModel policy, List<TokenizedExample> rows, NDManager manager) {
    long stepTokens = 0;
    for (TokenizedExample e : rows) {
      stepTokens += SequenceBatch.of(List.of(e), PAD_ID).totalScoredTokens();
    }
    if (stepTokens == 0) {
      throw new TrainException("a step's examples have no completion tokens to score");
    }
    double meanLoss = 0;
    long tokens = 0;
    try (NDManager stepScope = manager.newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      for (int from = 0; from < rows.size(); from += config.batchSize()) {
        SequenceBatch s =
            SequenceBatch.of(
                rows.subList(from, Math.min(rows.size(), from + config.batchSize())), PAD_ID);
        if (s.totalScoredTokens() == 0) {
          continue;
        }
        try (NDManager scope = stepScope.newSubManager()) {
          NDArray logps =
              CompletionLogProbs.sums(policy, s, s.idsArray(scope), s.attentionMaskArray(scope));
          SftLoss.Result result = SftLoss.compute(logps, s.scoredTokens());
          double weight = (double) result.tokens() / stepTokens;
          collector.backward(weighted(result.loss(), weight));
          meanLoss += result.loss().getFloat() * weight;
          tokens += s.realTokens();
        }
      }
    }
    return new StepOutcome(meanLoss, null, tokens);
  }

  /**
   * The pairs the run will read from {@code start} to its last step, in the sampler's seeded order
   * (each once): only those need reference log-probs, however many pairs the data holds.
   */
  private List<TokenizedPair> visited(Data data, TrainerState start, int totalSteps) {
    List<TokenizedPair> pairs = data.pairs();
    EpochSampler sampler = sampler(data, start);
    java.util.Set<Integer> seen = new java.util.LinkedHashSet<>();
    for (int step = start.step(); step < totalSteps && seen.size() < pairs.size(); step++) {
      seen.addAll(sampler.next(config.examplesPerStep()));
    }
    return seen.stream().map(pairs::get).toList();
  }

  /** The run's sampler from {@code start}: grouped by the rows' padded lengths when asked. */
  private EpochSampler sampler(Data data, TrainerState start) {
    int[] lengths = null;
    if (config.groupByLength()) {
      lengths =
          data.pairs() != null
              ? data.pairs().stream()
                  .mapToInt(p -> Math.max(p.chosen().length(), p.rejected().length()))
                  .toArray()
              : data.examples().stream().mapToInt(TokenizedExample::length).toArray();
    }
    return new EpochSampler(
        data.size(),
        start.seed(),
        start.epoch(),
        start.position(),
        lengths,
        config.examplesPerStep());
  }

  private ReferenceLogProbs openReference(List<TokenizedPair> pairs, NDManager manager) {
    if (config.referenceMode() == ReferenceMode.FROZEN) {
      DecoderModel model = HfCheckpoint.load(job.referenceDir(), manager);
      config.precision().apply(model);
      return new FrozenReference(model);
    }
    ReferenceLogProbCache cache =
        ReferenceLogProbCache.open(job.referenceCacheDir(), job.referenceDir());
    return CachedReference.prepare(
        cache, job.referenceDir(), pairs, config.batchSize(), PAD_ID, manager);
  }

  private Optimizer newOptimizer(NDManager manager) {
    return switch (config.optimizer()) {
      case ADAMW -> new AdamW(manager, config.weightDecay());
      case SGD -> new Sgd();
    };
  }

  private static void loadOptimizer(Optimizer optimizer, Path file) {
    try {
      optimizer.load(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read optimizer state " + file, e);
    }
  }

  /** The run's method, schedule, betas per mini-task and data hash. */
  private RunIdentity identity(Data data, int totalSteps) {
    Map<String, Double> betas = new java.util.TreeMap<>();
    if (data.pairs() != null) {
      for (TokenizedPair p : data.pairs()) {
        betas.putIfAbsent(p.miniTask() == null ? "-" : p.miniTask(), p.beta());
      }
    }
    return new RunIdentity(
        config.method().name(),
        config.learningRate(),
        config.warmupSteps(),
        totalSteps,
        betas,
        RunIdentity.sha256(job.dataFile()),
        config.groupByLength());
  }

  private TrainerState resumeState(int size, int totalSteps, RunIdentity identity) {
    TrainerState s = TrainerState.read(job.resumeFrom());
    if (s.identity() != null) {
      List<String> differences = identity.differences(s.identity());
      if (!differences.isEmpty()) {
        throw new TrainException(
            "checkpoint "
                + job.resumeFrom()
                + " belongs to another run: "
                + String.join("; ", differences));
      }
    }
    if (s.examples() != size || s.totalSteps() != totalSteps || s.seed() != config.seed()) {
      throw new TrainException(
          "checkpoint "
              + job.resumeFrom()
              + " was made for "
              + s.examples()
              + " examples, "
              + s.totalSteps()
              + " steps, seed "
              + s.seed()
              + "; this run has "
              + size
              + ", "
              + totalSteps
              + ", "
              + config.seed());
    }
    return s;
  }

  private void saveCheckpoint(
      DecoderModel policy,
      Optimizer optimizer,
      EpochSampler sampler,
      int step,
      int totalSteps,
      int size,
      RunIdentity identity) {
    Path dir = checkpointDir(job.outDir(), step);
    try {
      Files.createDirectories(dir);
      HfCheckpoint.save(policy, dir.resolve(CHECKPOINT_MODEL_DIR), job.modelDir());
      optimizer.save(dir.resolve(OPTIMIZER_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + dir, e);
    }
    new TrainerState(
            step, sampler.epoch(), sampler.position(), config.seed(), totalSteps, size, identity)
        .write(dir);
    LOG.info("checkpoint {}", dir);
    listener.onCheckpoint(dir, step);
  }
}
