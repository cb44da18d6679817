package dev.cogalign.cogpo.train.bench;

import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import dev.cogalign.cogpo.model.DecoderModel;
import dev.cogalign.cogpo.model.ScratchStudent;
import dev.cogalign.cogpo.train.Method;
import dev.cogalign.cogpo.train.ReferenceMode;
import dev.cogalign.cogpo.train.StepMetrics;
import dev.cogalign.cogpo.train.TrainingConfig;
import dev.cogalign.cogpo.train.TrainingJob;
import dev.cogalign.cogpo.train.TrainingListener;
import dev.cogalign.cogpo.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Times SFT or CogPO steps of the real training loop ({@link TrainingRun}) on the miniature
 * experiment's student ({@link ScratchStudent.Shape#DEFAULT}: 4 layers, width 96, 4 heads over 2
 * key/value heads, MLP 256, tied embeddings, q/k/v bias; 416,640 parameters), the same work as
 * {@code bench/student_step.py}: ROWS rows of SEQ tokens (a quarter prompt, the rest completion),
 * random ids, no padding; AdamW, no clipping (the norm is computed all the same); CogPO with a
 * frozen reference (its forward runs every step, as the PyTorch side's does) and ROWS / 2 pairs.
 *
 * <pre>StudentStepBench sft|cogpo ROWS SEQ STEPS WORKDIR</pre>
 *
 * Prints one JSON line: params, step_s (median of the timed steps after two warm-up steps).
 */
public final class StudentStepBench {

  private StudentStepBench() {}

  public static void main(String[] args) throws IOException {
    Method method = Method.valueOf(args[0].toUpperCase(Locale.ROOT));
    int rows = Integer.parseInt(args[1]);
    int seq = Integer.parseInt(args[2]);
    int steps = Integer.parseInt(args[3]);
    Path work = Path.of(args[4]);
    Path student = ScratchStudent.create(work.resolve("student"), ScratchStudent.Shape.DEFAULT, 1);
    int vocab = ScratchStudent.config(ScratchStudent.Shape.DEFAULT).vocabSize();
    int prompt = seq / 4;
    Random random = new Random(0);
    List<String> lines = new ArrayList<>();
    boolean preference = method.isPreference();
    int examples = preference ? rows / 2 : rows;
    for (int i = 0; i < examples; i++) {
      String p = ids(random, prompt, vocab);
      lines.add(
          preference
              ? String.format(
                  Locale.ROOT,
                  "{\"prompt_ids\":%s,\"chosen_ids\":%s,\"rejected_ids\":%s,\"beta\":%.3f}",
                  p,
                  ids(random, seq - prompt, vocab),
                  ids(random, seq - prompt, vocab),
                  0.1 + random.nextDouble())
              : String.format(
                  Locale.ROOT,
                  "{\"prompt_ids\":%s,\"completion_ids\":%s}",
                  p,
                  ids(random, seq - prompt, vocab)));
    }
    Path data = Files.write(work.resolve("data.jsonl"), lines);
    List<Long> stamps = new ArrayList<>();
    TrainingConfig config =
        TrainingConfig.builder()
            .method(method)
            .learningRate(1e-3)
            .steps(steps + 2)
            .batchSize(examples)
            .maxGradNorm(0)
            .maxLength(seq)
            .referenceMode(ReferenceMode.FROZEN)
            .build();
    TrainingRun.run(
        TrainingJob.of(student, student, data, work.resolve("out"), config),
        new TrainingListener() {
          @Override
          public void onStep(StepMetrics metrics) {
            stamps.add(System.nanoTime());
          }
        });
    double[] times = new double[steps];
    for (int i = 0; i < steps; i++) {
      times[i] = (stamps.get(i + 2) - stamps.get(i + 1)) / 1e9; // after two warm-up steps
    }
    Arrays.sort(times);
    System.out.printf(
        Locale.ROOT,
        "{\"impl\":\"djl\",\"method\":\"%s\",\"params\":%d,\"rows\":%d,\"seq\":%d,"
            + "\"step_s\":%.4f}%n",
        args[0],
        params(student),
        rows,
        seq,
        times[steps / 2]);
  }

  private static long params(Path student) {
    try (NDManager manager = NDManager.newBaseManager();
        DecoderModel model = HfCheckpoint.load(student, manager)) {
      return model.namedParameters().values().stream()
          .mapToLong(p -> p.getArray().getShape().size())
          .sum();
    }
  }

  private static String ids(Random random, int count, int vocab) {
    int[] ids = new int[count];
    for (int i = 0; i < count; i++) {
      ids[i] = 3 + random.nextInt(vocab - 3);
    }
    return Arrays.toString(ids);
  }
}
