package dev.cogalign.launcher.experiment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code cogalign experiment} runs: the replicate seeds, the synthetic data's size, the
 * training budget of every arm and where the report goes. The defaults are the setup measured to
 * finish within 20 minutes on two cores (docs/experiment.md).
 *
 * @param seed the first seed: it also picks the held-out problems, shared by every replicate
 * @param seeds replicates: seeds {@code seed, seed+1, …}, each its own training problems and
 *     student initialisation
 * @param trainProblems training problems per replicate
 * @param heldOut held-out problems (question texts never in any replicate's training set)
 * @param maxValue the largest value and intermediate result of any problem
 * @param sftSteps steps of both SFT arms
 * @param poSteps steps of the DPO and CogPO arms and of the continued-SFT control
 * @param arms the arms to run (empty: all five)
 */
public record ExperimentPlan(
    long seed,
    int seeds,
    int trainProblems,
    int heldOut,
    int maxValue,
    int sftSteps,
    int sftBatchSize,
    double sftLearningRate,
    int sftWarmupSteps,
    int poSteps,
    int poBatchSize,
    double poLearningRate,
    double dpoBeta,
    Map<String, Double> cogpoBetas,
    int maxNewTokens,
    int evalBatchSize,
    String annotations,
    List<String> arms,
    int workers,
    Path out,
    Duration timeout) {

  public static final int DEFAULT_SEEDS = 1;
  public static final int DEFAULT_TRAIN_PROBLEMS = 4_000;
  public static final int DEFAULT_HELD_OUT = 400;
  public static final int DEFAULT_MAX_VALUE = 30;
  public static final int DEFAULT_SFT_STEPS = 3_200;
  public static final int DEFAULT_SFT_BATCH_SIZE = 16;
  public static final double DEFAULT_SFT_LEARNING_RATE = 5e-3;
  public static final int DEFAULT_SFT_WARMUP_STEPS = 100;
  public static final int DEFAULT_PO_STEPS = 100;
  public static final int DEFAULT_PO_BATCH_SIZE = 16;
  public static final double DEFAULT_PO_LEARNING_RATE = 1e-4;
  public static final double DEFAULT_DPO_BETA = 1.0;
  public static final Map<String, Double> DEFAULT_COGPO_BETAS =
      Map.of("ALIGN", 2.0, "CALIBRATE", 1.0, "CORRECT", 1.0);
  public static final int DEFAULT_MAX_NEW_TOKENS = 200;
  public static final int DEFAULT_EVAL_BATCH_SIZE = 100;
  public static final String DEFAULT_ANNOTATIONS = "strip";
  public static final int DEFAULT_WORKERS = 2;

  public ExperimentPlan {
    List<String> bad = new ArrayList<>();
    if (seeds < 1) {
      bad.add("--seeds " + seeds + " must be >= 1");
    }
    if (trainProblems < 10) {
      bad.add("--train-problems " + trainProblems + " must be >= 10");
    }
    if (heldOut < 1) {
      bad.add("--held-out " + heldOut + " must be >= 1");
    }
    if (sftSteps < 1 || poSteps < 1) {
      bad.add("--sft-steps and --po-steps must be >= 1");
    }
    if (workers < 1) {
      bad.add("--workers " + workers + " must be >= 1");
    }
    if (!annotations.equals("keep") && !annotations.equals("strip")) {
      bad.add("--annotations '" + annotations + "' is not one of keep|strip");
    }
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", bad));
    }
    cogpoBetas = Map.copyOf(cogpoBetas);
    arms = List.copyOf(arms);
  }

  /** The replicate seeds: {@code seed, seed+1, …}. */
  public List<Long> replicateSeeds() {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < seeds; i++) {
      out.add(seed + i);
    }
    return out;
  }

  /** The {@code sft} hyperparameters of an experiment request (every SFT arm's budget). */
  Map<String, Object> sftHyperparameters() {
    Map<String, Object> sft = new LinkedHashMap<>();
    sft.put("steps", sftSteps);
    sft.put("batchSize", sftBatchSize);
    sft.put("learningRate", sftLearningRate);
    sft.put("warmupSteps", sftWarmupSteps);
    sft.put("groupByLength", true);
    return sft;
  }

  /** The {@code eval} settings of an experiment request (held-out greedy decoding). */
  Map<String, Object> evalSettings() {
    Map<String, Object> eval = new LinkedHashMap<>();
    eval.put("maxNewTokens", maxNewTokens);
    eval.put("batchSize", evalBatchSize);
    return eval;
  }
}
