package dev.cogalign.cogpo.train.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.cogalign.cogpo.SharedFixtures;
import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import dev.cogalign.cogpo.model.DecoderModel;
import dev.cogalign.cogpo.model.EngineThreads;
import dev.cogalign.cogpo.train.Method;
import dev.cogalign.cogpo.train.ReferenceMode;
import dev.cogalign.cogpo.train.StepMetrics;
import dev.cogalign.cogpo.train.TrainingConfig;
import dev.cogalign.cogpo.train.TrainingJob;
import dev.cogalign.cogpo.train.TrainingListener;
import dev.cogalign.cogpo.train.TrainingRun;
import dev.cogalign.cogpo.train.data.PreferenceBatch;
import dev.cogalign.cogpo.train.data.SequenceBatch;
import dev.cogalign.cogpo.train.data.TokenizedPair;
import dev.cogalign.cogpo.train.loss.CompletionLogProbs;
import dev.cogalign.cogpo.train.loss.PairLogProbs;
import dev.cogalign.cogpo.train.loss.PreferenceLoss;
import dev.cogalign.cogpo.train.optim.AdamW;
import dev.cogalign.cogpo.train.optim.Gradients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Times the phases of one CogPO training step on the qwen2-tiny fixture (not a test): forward
 * (per-token log-probs), completion log-prob sums, loss, backward, gradient norm and the AdamW
 * step, separately, at 1, 2 and 4 pairs per batch. The golden pairs are cut to different lengths so
 * that every batch is padded.
 *
 * <pre>StepPhaseBench [MODEL_NAME] [REPEATS] [loop]</pre>
 *
 * With {@code loop}, times whole steps of the real {@link TrainingRun} instead.
 *
 * <p>With {@code -Dbench.freshThread=true} it runs on a new thread, not the one that loads the
 * engine.
 *
 * <p>Prints one line per batch size with the median milliseconds of each phase.
 */
public final class StepPhaseBench {

  private static final String[] PHASES = {
    "forward", "logps", "loss", "backward", "grad_norm", "optimizer", "total"
  };

  private StepPhaseBench() {}

  public static void main(String[] args) throws InterruptedException {
    if (Boolean.getBoolean("bench.freshThread")) {
      Throwable[] failure = new Throwable[1];
      Thread t = new Thread(() -> run(args), "bench-worker");
      t.setUncaughtExceptionHandler((thread, e) -> failure[0] = e);
      t.start();
      t.join();
      if (failure[0] != null) {
        failure[0].printStackTrace();
        System.exit(1);
      }
      return;
    }
    run(args);
  }

  private static void run(String[] args) {
    String name = args.length > 0 ? args[0] : "qwen2-tiny";
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    JsonNode golden = SharedFixtures.json(SharedFixtures.hfTiny("golden-" + name + ".json"));
    List<TokenizedPair> pairs = paddedPairs(golden);
    Integer threads = Integer.getInteger("bench.threads");
    if (threads != null) {
      EngineThreads.use(threads);
    }
    System.out.println(
        "thread "
            + Thread.currentThread().getName()
            + ", model "
            + name
            + ", intra-op threads "
            + EngineThreads.current());
    if (args.length > 2 && args[2].equals("loop")) {
      loop(name, pairs, repeats);
      return;
    }
    try (NDManager manager = NDManager.newBaseManager();
        DecoderModel policy = HfCheckpoint.load(SharedFixtures.hfTiny(name + "-policy"), manager);
        AdamW optimizer = new AdamW(manager, 0.0)) {
      policy.setTrainable(true);
      Map<String, NDArray> parameters = new LinkedHashMap<>();
      for (Map.Entry<String, Parameter> e : policy.namedParameters().entrySet()) {
        parameters.put(e.getKey(), e.getValue().getArray());
      }
      Gradients.zero(parameters);
      for (int size : new int[] {1, 2, 4}) {
        PreferenceBatch batch = PreferenceBatch.of(pairs.subList(0, size), 0);
        double[][] ms = new double[PHASES.length][repeats];
        for (int r = -2; r < repeats; r++) { // two warm-up steps
          double[] t = step(policy, batch, parameters, optimizer, manager);
          if (r >= 0) {
            for (int k = 0; k < t.length; k++) {
              ms[k][r] = t[k];
            }
          }
        }
        StringBuilder line =
            new StringBuilder(
                String.format(
                    Locale.ROOT,
                    "pairs %d (rows %d x %d tokens):",
                    size,
                    batch.sequences().rows(),
                    batch.sequences().length()));
        for (int k = 0; k < PHASES.length; k++) {
          Arrays.sort(ms[k]);
          line.append(String.format(Locale.ROOT, " %s %.2f", PHASES[k], ms[k][repeats / 2]));
        }
        System.out.println(line + " ms (median of " + repeats + ")");
      }
    }
  }

  /** Median step time of the real {@link TrainingRun} loop at 1, 2, 4 pairs per batch. */
  private static void loop(String name, List<TokenizedPair> pairs, int repeats) {
    try {
      Path work = Files.createTempDirectory("step-bench");
      List<String> lines = new ArrayList<>();
      for (TokenizedPair p : pairs) {
        lines.add(
            String.format(
                Locale.ROOT,
                "{\"prompt_ids\":%s,\"chosen_ids\":%s,\"rejected_ids\":%s,\"beta\":%s}",
                Arrays.toString(p.chosen().promptIds()),
                Arrays.toString(p.chosen().completionIds()),
                Arrays.toString(p.rejected().completionIds()),
                p.beta()));
      }
      Path data = Files.write(work.resolve("pairs.jsonl"), lines);
      for (ReferenceMode mode : ReferenceMode.values()) {
        for (int size : new int[] {1, 2, 4}) {
          List<Long> stamps = new ArrayList<>();
          TrainingConfig config =
              TrainingConfig.builder()
                  .method(Method.COGPO)
                  .learningRate(1e-6)
                  .steps(repeats + 2)
                  .batchSize(size)
                  .referenceMode(mode)
                  .build();
          TrainingRun.run(
              TrainingJob.of(
                      SharedFixtures.hfTiny(name + "-policy"),
                      SharedFixtures.hfTiny(name),
                      data,
                      work.resolve("out-" + mode + size),
                      config)
                  .withReferenceCache(work.resolve("cache")),
              new TrainingListener() {
                @Override
                public void onStep(StepMetrics metrics) {
                  stamps.add(System.nanoTime());
                }
              });
          double[] ms = new double[repeats];
          for (int i = 0; i < repeats; i++) {
            ms[i] = (stamps.get(i + 2) - stamps.get(i + 1)) / 1e6;
          }
          Arrays.sort(ms);
          System.out.printf(
              Locale.ROOT,
              "TrainingRun %s reference, %d pairs per step: %.2f ms per step (median of %d)%n",
              mode,
              size,
              ms[repeats / 2],
              repeats);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One step; milliseconds of each phase and the total. */
  private static double[] step(
      DecoderModel policy,
      PreferenceBatch batch,
      Map<String, NDArray> parameters,
      AdamW optimizer,
      NDManager manager) {
    double[] t = new double[PHASES.length];
    SequenceBatch s = batch.sequences();
    int n = batch.pairs();
    long start = System.nanoTime();
    try (NDManager scope = manager.newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      long t0 = System.nanoTime();
      NDArray tokens = policy.tokenLogProbs(s.idsArray(scope), s.attentionMaskArray(scope));
      tokens.getFloat(0, 0);
      long t1 = System.nanoTime();
      NDArray logps = CompletionLogProbs.sums(tokens, s);
      logps.getFloat(0);
      long t2 = System.nanoTime();
      // the reference is the policy's own values, detached: the loss has Δ = 0 as at step 1
      NDArray ref = logps.duplicate().stopGradient();
      NDList reference = new NDList(ref.get("0:" + n), ref.get(n + ":"));
      PreferenceLoss.Result result =
          new PreferenceLoss(0, 0)
              .compute(
                  new PairLogProbs(
                      logps.get("0:" + n), logps.get(n + ":"), reference.get(0), reference.get(1)),
                  batch.betas(),
                  batch.miniTasks(),
                  batch.chosenTokens());
      result.loss().getFloat();
      long t3 = System.nanoTime();
      collector.backward(result.loss());
      parameters.values().iterator().next().getGradient().getFloat(0, 0);
      long t4 = System.nanoTime();
      t[0] = (t1 - t0) / 1e6;
      t[1] = (t2 - t1) / 1e6;
      t[2] = (t3 - t2) / 1e6;
      t[3] = (t4 - t3) / 1e6;
    }
    long t5 = System.nanoTime();
    Gradients.clipByGlobalNorm(parameters, 1.0);
    long t6 = System.nanoTime();
    optimizer.step(parameters, 1e-6);
    Gradients.zero(parameters);
    long t7 = System.nanoTime();
    t[4] = (t6 - t5) / 1e6;
    t[5] = (t7 - t6) / 1e6;
    t[6] = (t7 - start) / 1e6;
    return t;
  }

  /** The golden pairs with chosen and rejected cut to different lengths, so batches are padded. */
  static List<TokenizedPair> paddedPairs(JsonNode golden) {
    List<TokenizedPair> pairs = new ArrayList<>();
    int i = 0;
    for (JsonNode p : golden.path("pairs")) {
      int[] chosen = SharedFixtures.ints(p.path("chosen"));
      int[] rejected = SharedFixtures.ints(p.path("rejected"));
      pairs.add(
          new TokenizedPair(
              SharedFixtures.ints(p.path("prompt")),
              Arrays.copyOf(chosen, chosen.length - 5 * i),
              Arrays.copyOf(rejected, rejected.length - 3 * i - 1),
              p.path("beta").asDouble(),
              null));
      i++;
    }
    return pairs;
  }
}
