package dev.cogalign.cogpo.train.eval;

import dev.cogalign.cogpo.checkpoint.ModelBundle;
import dev.cogalign.cogpo.generate.GenerationConfig;
import dev.cogalign.cogpo.generate.Generator;
import dev.cogalign.cogpo.model.NoGrad;
import dev.cogalign.cogpo.train.data.TextEncoder;
import dev.cogalign.crv.answer.AnswerEquivalence;
import dev.cogalign.crv.answer.AnswerExtractor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Accuracy on a benchmark: greedy decoding of each problem's prompt (in the training prompt
 * format), the answer extracted from the output and compared with the gold one by crv-core's {@link
 * AnswerExtractor} and {@link AnswerEquivalence}.
 */
public final class Evaluation {

  public static final int DEFAULT_MAX_NEW_TOKENS = 512;
  public static final int DEFAULT_BATCH_SIZE = 8;

  private Evaluation() {}

  /**
   * One problem's outcome.
   *
   * @param newTokens tokens generated, a final stop token included
   * @param hitTokenLimit no stop token came within the budget of new tokens (the output was cut)
   */
  public record Item(
      String id,
      String gold,
      String output,
      String extracted,
      boolean correct,
      int newTokens,
      boolean hitTokenLimit) {}

  /** The outcomes and the accuracy. */
  public record Result(List<Item> items, int correct) {
    public double accuracy() {
      return items.isEmpty() ? 0 : (double) correct / items.size();
    }

    /** How many outputs ran out of new tokens before a stop token. */
    public int hitTokenLimit() {
      return (int) items.stream().filter(Item::hitTokenLimit).count();
    }
  }

  /**
   * @param encoder renders and tokenizes each question as a prompt
   * @param instruction appended to every question (after a newline) when not blank
   * @param onItem called after each problem (progress)
   */
  public static Result run(
      ModelBundle bundle,
      TextEncoder encoder,
      List<Benchmark.Problem> problems,
      String instruction,
      int maxNewTokens,
      int batchSize,
      Consumer<Item> onItem) {
    try (NoGrad ignored = NoGrad.enter()) { // inference only, on whichever thread calls
      return evaluate(bundle, encoder, problems, instruction, maxNewTokens, batchSize, onItem);
    }
  }

  private static Result evaluate(
      ModelBundle bundle,
      TextEncoder encoder,
      List<Benchmark.Problem> problems,
      String instruction,
      int maxNewTokens,
      int batchSize,
      Consumer<Item> onItem) {
    Generator generator = new Generator(bundle.model());
    GenerationConfig config =
        GenerationConfig.greedy(maxNewTokens)
            .withStopTokens(bundle.stopTokens())
            .withPadTokenId(bundle.tokenizer().padTokenId());
    List<Item> items = new ArrayList<>();
    int correct = 0;
    for (int from = 0; from < problems.size(); from += batchSize) {
      List<Benchmark.Problem> chunk =
          problems.subList(from, Math.min(problems.size(), from + batchSize));
      List<int[]> prompts = new ArrayList<>();
      for (Benchmark.Problem p : chunk) {
        String question =
            instruction == null || instruction.isBlank()
                ? p.question()
                : p.question() + "\n" + instruction;
        prompts.add(encoder.prompt(question));
      }
      List<int[]> outputs = generator.generate(prompts, config);
      for (int i = 0; i < chunk.size(); i++) {
        Benchmark.Problem p = chunk.get(i);
        int[] tokens = outputs.get(i);
        int[] text = stripStop(tokens, bundle);
        String output = bundle.tokenizer().decodeContinuation(prompts.get(i), text);
        String extracted = AnswerExtractor.extract(output).orElse(null);
        boolean ok = extracted != null && AnswerEquivalence.equivalent(extracted, p.answer());
        if (ok) {
          correct++;
        }
        boolean cut = text.length == tokens.length; // no stop token at the end
        Item item = new Item(p.id(), p.answer(), output, extracted, ok, tokens.length, cut);
        items.add(item);
        onItem.accept(item);
      }
    }
    return new Result(items, correct);
  }

  private static int[] stripStop(int[] tokens, ModelBundle bundle) {
    if (tokens.length > 0 && bundle.stopTokens().contains(tokens[tokens.length - 1])) {
      return Arrays.copyOf(tokens, tokens.length - 1);
    }
    return tokens;
  }
}
