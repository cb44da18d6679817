package dev.cogalign.cogpo.bench;

import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import dev.cogalign.cogpo.generate.GenerationConfig;
import dev.cogalign.cogpo.generate.Generator;
import dev.cogalign.cogpo.model.DecoderModel;
import dev.cogalign.cogpo.model.ScratchStudent;
import dev.cogalign.cogpo.train.Method;
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
 * Engine calls (top-level PyTorch operators, {@link EngineCalls}) of one training step of the
 * miniature student and of one generated token (not a test).
 *
 * <pre>
 *   step sft|cogpo ROWS SEQ              one step of the real TrainingRun loop (the fourth)
 *   generate DIR BATCH PROMPT NEW        greedy decoding with a KV cache, per new token
 * </pre>
 */
public final class EngineCallCount {

  private EngineCallCount() {}

  public static void main(String[] args) throws IOException {
    if (args[0].equals("step")) {
      step(Method.valueOf(args[1].toUpperCase(Locale.ROOT)), parse(args[2]), parse(args[3]));
    } else {
      generate(Path.of(args[1]), parse(args[2]), parse(args[3]), parse(args[4]));
    }
  }

  private static int parse(String s) {
    return Integer.parseInt(s);
  }

  private static void step(Method method, int rows, int seq) throws IOException {
    Path work = Files.createTempDirectory("engine-calls");
    Path student = ScratchStudent.create(work.resolve("student"), ScratchStudent.Shape.DEFAULT, 1);
    int vocab = ScratchStudent.config(ScratchStudent.Shape.DEFAULT).vocabSize();
    Random random = new Random(0);
    List<String> lines = new ArrayList<>();
    int examples = method.isPreference() ? rows / 2 : rows;
    for (int i = 0; i < examples; i++) {
      String prompt = ids(random, seq / 4, vocab);
      String rest = ids(random, seq - seq / 4, vocab);
      lines.add(
          method.isPreference()
              ? "{\"prompt_ids\":"
                  + prompt
                  + ",\"chosen_ids\":"
                  + rest
                  + ",\"rejected_ids\":"
                  + ids(random, seq - seq / 4, vocab)
                  + ",\"beta\":0.5}"
              : "{\"prompt_ids\":" + prompt + ",\"completion_ids\":" + rest + "}");
    }
    Path data = Files.write(work.resolve("data.jsonl"), lines);
    EngineCalls.Count[] counted = new EngineCalls.Count[1];
    Runnable[] stop = new Runnable[1];
    TrainingConfig config =
        TrainingConfig.builder()
            .method(method)
            .steps(5)
            .batchSize(examples)
            .learningRate(1e-3)
            .referenceMode(dev.cogalign.cogpo.train.ReferenceMode.FROZEN)
            .build();
    TrainingRun.run(
        TrainingJob.of(student, student, data, work.resolve("out"), config),
        new TrainingListener() {
          @Override
          public void onStep(StepMetrics metrics) {
            if (metrics.step() == 3) {
              stop[0] = EngineCalls.start();
            } else if (metrics.step() == 4) {
              counted[0] = EngineCalls.stop(stop[0]);
            }
          }
        });
    System.out.printf(
        Locale.ROOT,
        "%s step, %d rows x %d tokens: %d engine calls; most frequent: %s%n",
        method,
        rows,
        seq,
        counted[0].total(),
        counted[0].top(25));
  }

  private static void generate(Path dir, int batch, int promptLength, int newTokens) {
    try (NDManager manager = NDManager.newBaseManager();
        DecoderModel model = HfCheckpoint.load(dir, manager)) {
      int vocab = model.config().vocabSize();
      List<int[]> prompts = new ArrayList<>();
      for (int b = 0; b < batch; b++) {
        int[] prompt = new int[promptLength];
        for (int i = 0; i < promptLength; i++) {
          prompt[i] = (i + 1 + b) % vocab;
        }
        prompts.add(prompt);
      }
      Generator generator = new Generator(model);
      generator.generate(prompts, GenerationConfig.greedy(4));
      // the difference between NEW and one new token is the cost of NEW - 1 decoding steps
      EngineCalls.Count one =
          EngineCalls.of(() -> generator.generate(prompts, GenerationConfig.greedy(1)));
      EngineCalls.Count many =
          EngineCalls.of(() -> generator.generate(prompts, GenerationConfig.greedy(newTokens)));
      System.out.printf(
          Locale.ROOT,
          "generation, batch %d: %.1f engine calls per decoded token (%d for the prompt);"
              + " most frequent over %d tokens: %s%n",
          batch,
          (many.total() - one.total()) / (double) (newTokens - 1),
          one.total(),
          newTokens,
          many.top(25));
    }
  }

  private static String ids(Random random, int count, int vocab) {
    int[] ids = new int[count];
    Arrays.setAll(ids, i -> 3 + random.nextInt(vocab - 3));
    return Arrays.toString(ids);
  }
}
