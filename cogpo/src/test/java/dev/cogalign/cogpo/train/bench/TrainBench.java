package dev.cogalign.cogpo.train.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import dev.cogalign.cogpo.model.DecoderModel;
import dev.cogalign.cogpo.model.ModelConfig;
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
 * Times CogPO steps of the real training loop ({@link TrainingRun}: policy forward + backward,
 * frozen reference forward, loss, gradient norm, AdamW) on a random Llama of the given size, the
 * same work as {@code ../shared/bench/torch_ref.py bench}, and a 2048³ float32 matmul on the
 * engine.
 *
 * <pre>TrainBench LAYERS HIDDEN HEADS KV INTER VOCAB PAIRS SEQ STEPS WORKDIR</pre>
 *
 * Prints one JSON line: params, step_s (median of the timed steps), tokens_per_s (2·pairs·seq /
 * step_s), matmul_gflops.
 */
public final class TrainBench {

  private TrainBench() {}

  public static void main(String[] args) throws IOException {
    int[] n = Arrays.stream(args).limit(9).mapToInt(Integer::parseInt).toArray();
    int pairs = n[6];
    int seq = n[7];
    int steps = n[8];
    Path work = Path.of(args[9]);
    ModelConfig config =
        ModelConfig.builder()
            .numLayers(n[0])
            .hiddenSize(n[1])
            .numHeads(n[2])
            .numKvHeads(n[3])
            .intermediateSize(n[4])
            .vocabSize(n[5])
            .build();
    long params;
    try (NDManager manager = NDManager.newBaseManager()) {
      for (String name : new String[] {"policy", "reference"}) {
        try (DecoderModel model = DecoderModel.create(config, manager)) {
          model.initializeRandom(name.equals("policy") ? 1 : 2, DecoderModel.DEFAULT_INIT_STD);
          HfCheckpoint.save(model, work.resolve(name), null);
        }
      }
      try (DecoderModel model = HfCheckpoint.load(work.resolve("policy"), manager)) {
        params =
            model.namedParameters().values().stream()
                .mapToLong(p -> p.getArray().getShape().size())
                .sum();
      }
    }
    // random pairs: prompt seq/4 tokens, chosen and rejected the rest, as torch_ref.py masks them
    Random random = new Random(0);
    List<String> lines = new ArrayList<>();
    int prompt = seq / 4;
    for (int i = 0; i < pairs; i++) {
      lines.add(
          String.format(
              Locale.ROOT,
              "{\"prompt_ids\":%s,\"chosen_ids\":%s,\"rejected_ids\":%s,\"beta\":%.3f}",
              ids(random, prompt, n[5]),
              ids(random, seq - prompt, n[5]),
              ids(random, seq - prompt, n[5]),
              0.1 + random.nextDouble()));
    }
    Path data = work.resolve("pairs.jsonl");
    Files.write(data, lines);

    List<Long> stamps = new ArrayList<>();
    TrainingConfig training =
        TrainingConfig.builder()
            .method(Method.COGPO)
            .learningRate(1e-5)
            .steps(steps + 2)
            .batchSize(pairs)
            .maxGradNorm(0)
            .maxLength(seq)
            .referenceMode(ReferenceMode.FROZEN)
            .build();
    long start = System.nanoTime();
    TrainingRun.run(
        TrainingJob.of(
            work.resolve("policy"), work.resolve("reference"), data, work.resolve("out"), training),
        new TrainingListener() {
          @Override
          public void onStep(StepMetrics metrics) {
            stamps.add(System.nanoTime());
          }
        });
    double[] times = new double[steps];
    for (int i = 0; i < steps; i++) {
      times[i] = (stamps.get(i + 2) - stamps.get(i + 1)) / 1e9; // skip two warm-up steps
    }
    Arrays.sort(times);
    double median = times[steps / 2];
    System.out.printf(
        Locale.ROOT,
        "{\"impl\":\"djl-0.36-pytorch-2.7.1\",\"params\":%d,\"pairs\":%d,\"seq\":%d,"
            + "\"step_s\":%.4f,\"tokens_per_s\":%d,\"matmul_gflops\":%.1f,\"total_s\":%.1f}%n",
        params,
        pairs,
        seq,
        median,
        Math.round(2.0 * pairs * seq / median),
        matmulGflops(),
        (System.nanoTime() - start) / 1e9);
  }

  private static String ids(Random random, int count, int vocab) {
    int[] ids = new int[count];
    for (int i = 0; i < count; i++) {
      ids[i] = random.nextInt(vocab);
    }
    return Arrays.toString(ids);
  }

  /** Best of five 2048³ float32 matrix multiplies on the engine, in GFLOP/s. */
  static double matmulGflops() {
    int size = 2048;
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray a = manager.randomNormal(new Shape(size, size), DataType.FLOAT32);
      NDArray b = manager.randomNormal(new Shape(size, size), DataType.FLOAT32);
      double best = Double.MAX_VALUE;
      for (int i = 0; i < 5; i++) {
        try (NDManager scope = manager.newSubManager()) {
          scope.tempAttachAll(a, b);
          long t0 = System.nanoTime();
          a.matMul(b).getFloat(0, 0);
          best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
      }
      return 2.0 * size * size * size / best / 1e9;
    }
  }
}
