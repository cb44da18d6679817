package dev.cogalign.cogpo.train.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
            }
          });
      double[] ms = new double[steps];
      for (int i = 0; i < steps; i++) {
        ms[i] = (stamps.get(i + 3) - stamps.get(i + 2)) / 1e6;
      }
      Arrays.sort(ms);
      System.out.printf(
          Locale.ROOT,
          "SFT step, batch %d, ~100 tokens per row, threads %d: %.1f ms (median of %d)%n",
          BATCH,
          EngineThreads.current(),
          ms[steps / 2],
          steps);
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
