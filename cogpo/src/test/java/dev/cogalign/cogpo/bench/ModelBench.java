package dev.cogalign.cogpo.bench;

import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import dev.cogalign.cogpo.generate.GenerationConfig;
import dev.cogalign.cogpo.generate.Generator;
import dev.cogalign.cogpo.model.DecoderModel;
import dev.cogalign.cogpo.model.ModelConfig;
import dev.cogalign.cogpo.score.CompletionScorer;
import dev.cogalign.cogpo.score.PromptCompletion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Benchmark driver for bench/model-bench.sh (not a test).
 *
 * <pre>
 *   create DIR LAYERS HIDDEN HEADS KV_HEADS INTERMEDIATE VOCAB   random Llama saved as an HF folder
 *   run DIR BATCH SEQ PROMPT NEW REPS                            scoring and greedy generation speed
 * </pre>
 */
public final class ModelBench {

  private ModelBench() {}

  public static void main(String[] args) {
    int[] n = Arrays.stream(args).skip(2).mapToInt(Integer::parseInt).toArray();
    Path dir = Path.of(args[1]);
    try (NDManager manager = NDManager.newBaseManager()) {
      if (args[0].equals("create")) {
        ModelConfig config =
            ModelConfig.builder()
                .vocabSize(n[5])
                .hiddenSize(n[1])
                .intermediateSize(n[4])
                .numLayers(n[0])
                .numHeads(n[2])
                .numKvHeads(n[3])
                .build();
        try (DecoderModel model = DecoderModel.create(config, manager)) {
          model.initializeRandom(0, DecoderModel.DEFAULT_INIT_STD);
          HfCheckpoint.save(model, dir, null);
        }
        return;
      }
      run(dir, n[0], n[1], n[2], n[3], n[4], manager);
    }
  }

  private static void run(
      Path dir, int batch, int seq, int promptLen, int newTokens, int reps, NDManager manager) {
    try (DecoderModel model = HfCheckpoint.load(dir, manager)) {
      int vocab = model.config().vocabSize();
      Random random = new Random(0);
      List<PromptCompletion> rows = new ArrayList<>();
      for (int b = 0; b < batch; b++) {
        rows.add(
            new PromptCompletion(
                random.ints(seq / 4, 0, vocab).toArray(),
                random.ints(seq - seq / 4, 0, vocab).toArray()));
      }
      CompletionScorer scorer = new CompletionScorer(model, 0, batch);
      int[] prompt = new int[promptLen]; // the same prompt as model_bench.py: 1, 2, 3, ...
      for (int i = 0; i < promptLen; i++) {
        prompt[i] = (i + 1) % vocab;
      }
      Generator generator = new Generator(model);
      GenerationConfig greedy = GenerationConfig.greedy(newTokens);
      scorer.score(rows); // warm-up
      generator.generate(prompt, GenerationConfig.greedy(8));
      double[] scoreTimes = new double[reps];
      double[] genTimes = new double[reps];
      int[] tokens = new int[0];
      for (int r = 0; r < reps; r++) {
        long t0 = System.nanoTime();
        scorer.score(rows);
        scoreTimes[r] = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        tokens = generator.generate(prompt, greedy);
        genTimes[r] = (System.nanoTime() - t0) / 1e9;
      }
      double score = median(scoreTimes);
      double gen = median(genTimes);
      long params =
          model.namedParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
      System.out.printf(
          "{\"impl\": \"djl-%s\", \"params\": %d, \"score_s\": %.4f, \"score_tokens_per_s\": %.0f,"
              + " \"gen_s\": %.4f, \"gen_tokens_per_s\": %.1f, \"gen_head\": %s}%n",
          manager.getEngine().getVersion(),
          params,
          score,
          batch * seq / score,
          gen,
          tokens.length / gen,
          Arrays.toString(Arrays.copyOf(tokens, Math.min(8, tokens.length))));
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
