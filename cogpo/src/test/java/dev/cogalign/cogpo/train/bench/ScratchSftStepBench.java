package dev.cogalign.cogpo.train.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import dev.cogalign.cogpo.model.DecoderModel;
import dev.cogalign.cogpo.model.EngineThreads;
import dev.cogalign.cogpo.model.NoGrad;
import dev.cogalign.cogpo.model.ScratchStudent;
import dev.cogalign.cogpo.train.Method;
import dev.cogalign.cogpo.train.StepMetrics;
import dev.cogalign.cogpo.train.TrainingConfig;
import dev.cogalign.cogpo.train.TrainingJob;
import dev.cogalign.cogpo.train.TrainingListener;
import dev.cogalign.cogpo.train.TrainingRun;
import dev.cogalign.cogpo.train.data.PromptFormat;
import dev.cogalign.cogpo.train.data.SequenceBatch;
import dev.cogalign.cogpo.train.data.TokenizedExample;
import dev.cogalign.cogpo.train.loss.CompletionLogProbs;
import dev.cogalign.cogpo.train.loss.SftLoss;
import dev.cogalign.cogpo.train.optim.AdamW;
import dev.cogalign.cogpo.train.optim.Gradients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Times SFT steps of the miniature experiment's student (not a test): the DEFAULT {@link
 * ScratchStudent}, 16 rows of about 100 characters per step (a GSM8K-form prompt and a three-step
 * CoT), AdamW, the real {@link TrainingRun} loop, one intra-op thread unless {@code
 * -Dbench.threads} says otherwise. Also times a no-grad forward of the same batch.
 *
 * <pre>ScratchSftStepBench [STEPS]</pre>
 *
 * <p>Prints the median milliseconds per step and per forward.
 */
public final class ScratchSftStepBench {

  private static final int BATCH = 16;

  private ScratchSftStepBench() {}

  public static void main(String[] args) throws IOException {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    EngineThreads.use(Integer.getInteger("bench.threads", 1));
    Path work = Files.createTempDirectory("scratch-sft-bench");
    try {
      Path student =
          ScratchStudent.create(work.resolve("student"), ScratchStudent.Shape.DEFAULT, 1);
      Path data = Files.write(work.resolve("sft.jsonl"), examples(64));
      List<Long> stamps = new ArrayList<>();
      List<Long> cpuStamps = new ArrayList<>();
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      TrainingRun.run(
          TrainingJob.of(
              student,
              null,
              data,
              work.resolve("out"),
              TrainingConfig.builder()
                  .method(Method.SFT)
                  .steps(steps + 3)
                  .batchSize(BATCH)
                  .learningRate(1e-3)
                  .promptFormat(PromptFormat.CHAT)
                  .build()),
          new TrainingListener() {
            @Override
            public void onStep(StepMetrics metrics) {
              stamps.add(System.nanoTime());
              cpuStamps.add(threads.getCurrentThreadCpuTime());
            }
          });
      System.out.printf(
          Locale.ROOT,
          "SFT step, batch %d, ~100 tokens per row, threads %d: %.1f ms wall, %.1f ms CPU of the"
              + " training thread (medians of %d)%n",
          BATCH,
          EngineThreads.current(),
          medianGap(stamps, steps),
          medianGap(cpuStamps, steps),
          steps);
      System.out.println(phases(student, steps));
      System.out.printf(
          Locale.ROOT,
          "no-grad forward: 16 x 100 tokens %.2f ms, 1 x 8 tokens %.2f ms%n",
          forwardMs(student, BATCH, 100, steps),
          forwardMs(student, 1, 8, steps));
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      } catch (UncheckedIOException e) {
        // temp files only
      }
    }
  }

  /** Median milliseconds between consecutive stamps after the first three (warm-up) steps. */
  private static double medianGap(List<Long> stamps, int steps) {
    double[] ms = new double[steps];
    for (int i = 0; i < steps; i++) {
      ms[i] = (stamps.get(i + 3) - stamps.get(i + 2)) / 1e6;
    }
    Arrays.sort(ms);
    return ms[steps / 2];
  }

  /**
   * Median CPU milliseconds of the phases of a step on one fixed batch: forward to the loss,
   * backward, gradient norm and clipping, AdamW.
   */
  private static String phases(Path student, int repeats) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    String[] names = {"forward", "backward", "clip", "adamw"};
    double[][] ms = new double[names.length][repeats];
    try (NDManager manager = NDManager.newBaseManager();
        DecoderModel model = HfCheckpoint.load(student, manager);
        AdamW optimizer = new AdamW(manager, 0.0)) {
      model.setTrainable(true);
      Map<String, NDArray> parameters = new LinkedHashMap<>();
      model.namedParameters().forEach((name, p) -> parameters.put(name, p.getArray()));
      Gradients.zero(parameters);
      Random random = new Random(3);
      List<TokenizedExample> rows = new ArrayList<>();
      for (int i = 0; i < BATCH; i++) {
        int[] prompt = new int[45 + random.nextInt(10)];
        int[] completion = new int[45 + random.nextInt(10)];
        Arrays.setAll(prompt, j -> 3 + random.nextInt(96));
        Arrays.setAll(completion, j -> 3 + random.nextInt(96));
        rows.add(new TokenizedExample(prompt, completion));
      }
      SequenceBatch batch = SequenceBatch.of(rows, 0);
      for (int r = -3; r < repeats; r++) {
        long[] t = new long[names.length + 1];
        t[0] = threads.getCurrentThreadCpuTime();
        try (NDManager scope = manager.newSubManager();
            GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray sums =
              CompletionLogProbs.sums(
                  model, batch, batch.idsArray(scope), batch.attentionMaskArray(scope));
          NDArray loss = SftLoss.compute(sums, batch.scoredTokens()).loss();
          loss.getFloat();
          t[1] = threads.getCurrentThreadCpuTime();
          collector.backward(loss);
        }
        t[2] = threads.getCurrentThreadCpuTime();
        Gradients.clipByGlobalNorm(parameters, 1.0);
        t[3] = threads.getCurrentThreadCpuTime();
        optimizer.step(parameters, 1e-4);
        Gradients.zero(parameters);
        t[4] = threads.getCurrentThreadCpuTime();
        if (r >= 0) {
          for (int k = 0; k < names.length; k++) {
            ms[k][r] = (t[k + 1] - t[k]) / 1e6;
          }
        }
      }
    }
    StringBuilder line = new StringBuilder("step phases, CPU ms (medians):");
    for (int k = 0; k < names.length; k++) {
      Arrays.sort(ms[k]);
      line.append(String.format(Locale.ROOT, " %s %.1f", names[k], ms[k][repeats / 2]));
    }
    return line.toString();
  }

  private static double forwardMs(Path student, int rows, int length, int repeats) {
    try (NDManager manager = NDManager.newBaseManager();
        DecoderModel model = HfCheckpoint.load(student, manager);
        NoGrad ignored = NoGrad.enter()) {
      long[][] ids = new long[rows][length];
      Random random = new Random(1);
      for (long[] row : ids) {
        for (int j = 0; j < row.length; j++) {
          row[j] = 3 + random.nextInt(96);
        }
      }
      double[] ms = new double[repeats];
      for (int r = -3; r < repeats; r++) {
        long start = System.nanoTime();
        try (NDManager step = manager.newSubManager()) {
          NDArray logits = model.forward(step.create(ids), null);
          logits.toFloatArray();
        }
        if (r >= 0) {
          ms[r] = (System.nanoTime() - start) / 1e6;
        }
      }
      Arrays.sort(ms);
      return ms[repeats / 2];
    }
  }

  /** GSM8K-form SFT lines of about 100 characters, prompt and completion together. */
  private static List<String> examples(int n) {
    Random random = new Random(7);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int a = 5 + random.nextInt(35);
      int b = 1 + random.nextInt(20);
      int c = 1 + random.nextInt(9);
      String prompt = "Tom has " + a + " apples. He buys " + b + " more and eats " + c + ".";
      String completion =
          "First, "
              + a
              + " + "
              + b
              + " = "
              + (a + b)
              + ".\\nHe has "
              + (a + b)
              + " - "
              + c
              + " = "
              + (a + b - c)
              + ".\\n#### "
              + (a + b - c);
      lines.add("{\"prompt\":\"" + prompt + "\",\"completion\":\"" + completion + "\"}");
    }
    return lines;
  }
}
