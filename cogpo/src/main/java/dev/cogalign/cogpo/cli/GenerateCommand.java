package dev.cogalign.cogpo.cli;

import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.CogpoException;
import dev.cogalign.cogpo.checkpoint.ModelBundle;
import dev.cogalign.cogpo.generate.GenerationConfig;
import dev.cogalign.cogpo.generate.Generator;
import dev.cogalign.cogpo.tokenizer.TextTokenizer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code generate}: continue a prompt, greedy by default. Text prompts are encoded without special
 * tokens (llama2.c models get their BOS first, as llama2.c's run does); {@code --chat} wraps the
 * prompt as one user message in the model's chat template. Prints the new text, or with {@code
 * --ids} the new token ids (a stop token, when hit, is the last id and is left out of the text).
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Generate a continuation of a prompt with a KV cache.")
public final class GenerateCommand implements Callable<Integer> {

  public static final int DEFAULT_MAX_NEW_TOKENS = 128;

  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      description = "Hugging Face folder, or llama2.c .bin with tok512.bin beside it")
  Path model;

  @ArgGroup(exclusive = true, multiplicity = "1")
  PromptSource prompt;

  static final class PromptSource {
    @Option(names = "--prompt", description = "Prompt text (may be empty for llama2.c models)")
    String text;

    @Option(
        names = "--prompt-ids",
        split = ",",
        description = "Prompt token ids, used exactly: 1,2,3")
    int[] ids;
  }

  @Option(
      names = "--max-new-tokens",
      defaultValue = "" + DEFAULT_MAX_NEW_TOKENS,
      description = "Budget of new tokens (default: ${DEFAULT-VALUE})")
  int maxNewTokens;

  @Option(
      names = "--temperature",
      defaultValue = "" + GenerationConfig.DEFAULT_TEMPERATURE,
      description = "0 = greedy (default: ${DEFAULT-VALUE})")
  double temperature;

  @Option(
      names = "--top-p",
      defaultValue = "" + GenerationConfig.DEFAULT_TOP_P,
      description = "Nucleus sampling mass (default: ${DEFAULT-VALUE})")
  double topP;

  @Option(
      names = "--seed",
      defaultValue = "" + GenerationConfig.DEFAULT_SEED,
      description = "Sampling seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--ids", description = "Print the new token ids instead of text")
  boolean printIds;

  @Option(
      names = "--chat",
      description = "Wrap the text prompt as a user turn of the chat template")
  boolean chat;

  @Option(
      names = "--add-bos",
      description =
          "Start the text prompt with the tokenizer's BOS token (llama2.c models always do)")
  boolean addBos;

  @Override
  public Integer call() {
    try (NDManager manager = NDManager.newBaseManager();
        ModelBundle bundle = ModelBundle.open(model, manager)) {
      TextTokenizer tokenizer = bundle.tokenizer();
      int[] promptIds = promptIds(bundle);
      GenerationConfig config =
          new GenerationConfig(
              maxNewTokens,
              temperature,
              topP,
              seed,
              bundle.stopTokens(),
              tokenizer.padTokenId(),
              true);
      int[] fresh = new Generator(bundle.model()).generate(promptIds, config);
      if (printIds) {
        spec.commandLine()
            .getOut()
            .println(
                Arrays.stream(fresh).mapToObj(String::valueOf).collect(Collectors.joining(",")));
      } else {
        int[] text = fresh;
        if (text.length > 0 && bundle.stopTokens().contains(text[text.length - 1])) {
          text = Arrays.copyOf(text, text.length - 1);
        }
        spec.commandLine().getOut().println(tokenizer.decodeContinuation(promptIds, text));
      }
      spec.commandLine().getOut().flush();
      return 0;
    } catch (CogpoException e) {
      spec.commandLine().getErr().println("generate: " + e.getMessage());
      return 1;
    }
  }

  private int[] promptIds(ModelBundle bundle) {
    if (prompt.ids != null) {
      return prompt.ids;
    }
    String text = prompt.text;
    if (chat) {
      text =
          bundle
              .tokenizer()
              .applyChatTemplate(List.of(Map.of("role", "user", "content", text)), true);
    }
    int[] ids = bundle.tokenizer().encode(text);
    if (addBos || bundle.prependsBos() || ids.length == 0) {
      int bos =
          bundle
              .tokenizer()
              .bosTokenId()
              .orElseThrow(
                  () -> new CogpoException("empty prompt and the tokenizer has no BOS token"));
      int[] withBos = new int[ids.length + 1];
      withBos[0] = bos;
      System.arraycopy(ids, 0, withBos, 1, ids.length);
      ids = withBos;
    }
    return ids;
  }
}
