package dev.cogalign.cogpo.cli;

import dev.cogalign.cogpo.CogpoException;
import dev.cogalign.cogpo.model.EngineThreads;
import dev.cogalign.cogpo.train.Method;
import dev.cogalign.cogpo.train.OptimizerKind;
import dev.cogalign.cogpo.train.ReferenceMode;
import dev.cogalign.cogpo.train.StepMetrics;
import dev.cogalign.cogpo.train.TrainingConfig;
import dev.cogalign.cogpo.train.TrainingJob;
import dev.cogalign.cogpo.train.TrainingListener;
import dev.cogalign.cogpo.train.TrainingPrecision;
import dev.cogalign.cogpo.train.TrainingRun;
import dev.cogalign.cogpo.train.TrainingSummary;
import dev.cogalign.cogpo.train.data.PromptFormat;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train}: SFT, DPO or CogPO on a Hugging Face checkpoint; {@code --out} receives the trained
 * model as a Hugging Face folder (loadable by {@code score} and {@code generate}), {@code
 * metrics.jsonl} and {@code checkpoints/}. Unset options take the defaults of {@link
 * TrainingConfig}.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Fine-tune a model with SFT, DPO or CogPO (a beta per preference pair).")
public final class TrainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--method", required = true, description = "sft|dpo|cogpo")
  String method;

  @Option(names = "--model", required = true, description = "Hugging Face folder to start from")
  Path model;

  @Option(names = "--ref", description = "reference model folder (default: --model)")
  Path reference;

  @Option(
      names = "--data",
      required = true,
      description =
          "JSONL: {prompt,completion} for sft; {prompt,chosen,rejected,beta,mini_task} for"
              + " dpo/cogpo; or *_ids fields used exactly as given")
  Path data;

  @Option(names = "--out", required = true, description = "output folder")
  Path out;

  @Option(names = "--lr", description = "peak learning rate (sft 2e-5, dpo/cogpo 1e-6)")
  Double learningRate;

  @Option(names = "--steps", description = "optimizer steps (instead of --epochs)")
  Integer steps;

  @Option(names = "--epochs", description = "passes over the data (default 1)")
  Integer epochs;

  @Option(names = "--batch-size", description = "examples (pairs) per micro-batch (default 8)")
  Integer batchSize;

  @Option(names = "--grad-accum", description = "micro-batches per optimizer step (default 1)")
  Integer gradAccumulation;

  @Option(names = "--optimizer", description = "adamw|sgd (sgd: plain, no momentum or decay)")
  String optimizer;

  @Option(names = "--weight-decay", description = "AdamW decoupled weight decay (default 0)")
  Double weightDecay;

  @Option(names = "--warmup-steps", description = "linear warm-up before cosine decay")
  Integer warmupSteps;

  @Option(names = "--max-grad-norm", description = "global gradient-norm clip, 0 = off (1.0)")
  Double maxGradNorm;

  @Option(names = "--max-length", description = "most prompt+completion tokens (1024)")
  Integer maxLength;

  @Option(names = "--beta", description = "DPO beta; CogPO's for pairs without one (0.1)")
  Double beta;

  @Option(names = "--label-smoothing", description = "epsilon of the preference loss (0)")
  Double labelSmoothing;

  @Option(names = "--nll-weight", description = "weight of an NLL term on chosen (0)")
  Double nllWeight;

  @Option(names = "--seed", description = "seed of the per-epoch shuffle (42)")
  Long seed;

  @Option(
      names = "--group-by-length",
      description = "batch rows of similar length together, to pad less (off)")
  boolean groupByLength;

  @Option(names = "--checkpoint-every", description = "checkpoint every N steps (0 = none)")
  Integer checkpointEvery;

  @Option(names = "--reference-mode", description = "cached|frozen (cached)")
  String referenceMode;

  @Option(names = "--ref-cache", description = "reference log-prob cache folder")
  Path referenceCache;

  @Option(names = "--prompt-format", description = "auto|chat|raw for text data (auto)")
  String promptFormat;

  @Option(
      names = "--precision",
      description = "fp32|fp16|bf16: the dtype the weights train in (fp32; fp16 on a GPU only)")
  String precision;

  @Option(names = "--resume", description = "checkpoint folder to resume from")
  Path resume;

  @Option(
      names = "--threads",
      description =
          "engine intra-op threads (default: the engine's; 1 for small models on a busy CPU)")
  Integer threads;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      TrainingConfig config = config();
      if (threads != null) {
        if (threads < 1) {
          err.println("train: --threads " + threads + " must be >= 1");
          return 1;
        }
        EngineThreads.use(threads);
      }
      TrainingJob job =
          new TrainingJob(model, reference, data, out, referenceCache, resume, config);
      TrainingSummary summary = TrainingRun.run(job, new Progress(err));
      if (summary.truncation().truncated() > 0) {
        err.println("max length " + config.maxLength() + ": " + summary.truncation().describe());
      }
      err.printf(
          Locale.ROOT,
          "trained %d steps (last loss %.6f); model in %s%n",
          summary.steps(),
          summary.lastLoss(),
          summary.modelDir());
      return 0;
    } catch (CogpoException | UncheckedIOException e) {
      err.println("train: " + e.getMessage());
      return 1;
    }
  }

  TrainingConfig config() {
    TrainingConfig.Builder b = TrainingConfig.builder().method(Method.parse(method));
    if (learningRate != null) {
      b.learningRate(learningRate);
    }
    if (steps != null) {
      b.steps(steps);
    }
    if (epochs != null) {
      b.epochs(epochs);
    }
    if (batchSize != null) {
      b.batchSize(batchSize);
    }
    if (gradAccumulation != null) {
      b.gradAccumulation(gradAccumulation);
    }
    if (optimizer != null) {
      b.optimizer(OptimizerKind.parse(optimizer));
    }
    if (weightDecay != null) {
      b.weightDecay(weightDecay);
    }
    if (warmupSteps != null) {
      b.warmupSteps(warmupSteps);
    }
    if (maxGradNorm != null) {
      b.maxGradNorm(maxGradNorm);
    }
    if (maxLength != null) {
      b.maxLength(maxLength);
    }
    if (beta != null) {
      b.beta(beta);
    }
    if (labelSmoothing != null) {
      b.labelSmoothing(labelSmoothing);
    }
    if (nllWeight != null) {
      b.nllWeight(nllWeight);
    }
    if (seed != null) {
      b.seed(seed);
    }
    if (checkpointEvery != null) {
      b.checkpointEvery(checkpointEvery);
    }
    b.groupByLength(groupByLength);
    if (referenceMode != null) {
      b.referenceMode(ReferenceMode.parse(referenceMode));
    }
    if (promptFormat != null) {
      b.promptFormat(PromptFormat.parse(promptFormat));
    }
    if (precision != null) {
      b.precision(TrainingPrecision.parse(precision));
    }
    return b.build();
  }

  /** Prints one line per step. */
  private record Progress(PrintWriter err) implements TrainingListener {
    @Override
    public void onStep(StepMetrics m) {
      StringBuilder line = new StringBuilder("step " + m.step());
      for (String name : new String[] {"loss", "grad_norm", "learning_rate", "rewards/margins"}) {
        Double v = m.values().get(name);
        if (v != null) {
          line.append(String.format(Locale.ROOT, " %s %.6g", name, v));
        }
      }
      err.println(line);
      err.flush();
    }
  }
}
