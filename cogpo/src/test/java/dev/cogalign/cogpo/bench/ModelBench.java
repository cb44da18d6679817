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

/**
 * Benchmark driver for bench/model-bench.sh (not a test).
 *
 * <pre>
 *   create DIR LAYERS HIDDEN HEADS KV_HEADS INTERMEDIATE VOCAB   random Llama saved as an HF folder
 *   run DIR BATCH SEQ PROMPT NEW REPS GEN_BATCH GEN_BATCH_NEW     scoring and greedy generation speed
 * </pre>
 *
 * <p>Batched generation is the evaluation path: GEN_BATCH prompts of PROMPT − (row % 4) tokens,
 * left-padded, GEN_BATCH_NEW new tokens each (the same prompts as model_bench.py).
 *
 * <pre>
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
      run(dir, n[0], n[1], n[2], n[3], n[4], n[5], n[6], manager);
    }
  }

  private static void run(
      Path dir,
      int batch,
      int seq,
      int promptLen,
      int newTokens,
      int reps,
      int genBatch,
      int genBatchNew,
      NDManager manager) {
    try (DecoderModel model = HfCheckpoint.load(dir, manager)) {
      int vocab = model.config().vocabSize();
      List<PromptCompletion> rows = new ArrayList<>(); // the same ids as model_bench.py
      for (int b = 0; b < batch; b++) {
        int[] ids = new int[seq];
        for (int t = 0; t < seq; t++) {
          ids[t] = (int) ((7L * b + 13L * t + (long) t * t) % vocab);
        }
        rows.add(
            new PromptCompletion(
                Arrays.copyOfRange(ids, 0, seq / 4), Arrays.copyOfRange(ids, seq / 4, seq)));
      }
      CompletionScorer scorer = new CompletionScorer(model, 0, batch);
      int[] prompt = new int[promptLen]; // the same prompt as model_bench.py: 1, 2, 3, ...
      for (int i = 0; i < promptLen; i++) {
        prompt[i] = (i + 1) % vocab;
      }
      List<int[]> prompts = new ArrayList<>(); // row r: PROMPT - (r % 4) tokens (r + 1 + i) % V
      for (int r = 0; r < genBatch; r++) {
        int[] p = new int[promptLen - r % 4];
        for (int i = 0; i < p.length; i++) {
          p[i] = (r + 1 + i) % vocab;
        }
        prompts.add(p);
      }
      Generator generator = new Generator(model);
      GenerationConfig greedy = GenerationConfig.greedy(newTokens);
      GenerationConfig greedyBatch = GenerationConfig.greedy(genBatchNew);
      scorer.score(rows); // warm-up
      generator.generate(prompt, GenerationConfig.greedy(8));
      generator.generate(prompts, GenerationConfig.greedy(4));
      double[] scoreTimes = new double[reps];
      double[] genTimes = new double[reps];
      double[] batchTimes = new double[reps];
      int[] tokens = new int[0];
      List<int[]> batchTokens = List.of();
      double scoreSum = 0;
      for (int r = 0; r < reps; r++) {
        long t0 = System.nanoTime();
        scoreSum = Arrays.stream(scorer.score(rows)).sum();
        scoreTimes[r] = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        tokens = generator.generate(prompt, greedy);
        genTimes[r] = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        batchTokens = generator.generate(prompts, greedyBatch);
        batchTimes[r] = (System.nanoTime() - t0) / 1e9;
      }
      double score = median(scoreTimes);
      double gen = median(genTimes);
      double genBatchS = median(batchTimes);
      long params =
          model.namedParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
      System.out.printf(
          "{\"impl\": \"djl-%s\", \"params\": %d, \"score_s\": %.4f, \"score_tokens_per_s\": %.0f,"
              + " \"gen_s\": %.4f, \"gen_tokens_per_s\": %.1f, \"gen_head\": %s,"
              + " \"score_logp_sum\": %.4f, \"gen_batch_s\": %.4f,"
              + " \"gen_batch_tokens_per_s\": %.1f, \"gen_batch_heads\": [%s, %s]}%n",
          manager.getEngine().getVersion(),
          params,
          score,
          batch * seq / score,
          gen,
          tokens.length / gen,
          Arrays.toString(Arrays.copyOf(tokens, Math.min(8, tokens.length))),
          scoreSum,
          genBatchS,
          (double) genBatch * genBatchNew / genBatchS,
          head(batchTokens.get(0)),
          head(batchTokens.get(batchTokens.size() - 1)));
    }
  }

  private static String head(int[] tokens) {
    return Arrays.toString(Arrays.copyOf(tokens, Math.min(8, tokens.length)));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
