package dev.cogalign.cogpo.train.data;

import dev.cogalign.cogpo.checkpoint.ModelBundle;
import dev.cogalign.cogpo.tokenizer.HfTokenizer;
import dev.cogalign.cogpo.tokenizer.TextTokenizer;
import dev.cogalign.cogpo.tokenizer.TokenizerException;
import dev.cogalign.cogpo.train.InvalidTrainingConfigException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link TextEncoder} over a model's tokenizer in a {@link PromptFormat}. Prompt and completion
 * are tokenized separately, so every completion of a prompt conditions on the same prompt ids, and
 * every completion ends with a stop token of the model.
 */
public final class TokenizerTextEncoder implements TextEncoder, AutoCloseable {

  /** Stands for the user's text when finding what the template adds around an assistant turn. */
  private static final String PROBE = "x";

  private final Path modelDir;
  private final PromptFormat requested;
  private TextTokenizer tokenizer;
  private PromptFormat format;
  private Set<Integer> stopTokens;

  /** Opens the tokenizer of {@code modelDir} on first use, so id-only data never needs it. */
  public TokenizerTextEncoder(Path modelDir, PromptFormat format) {
    this.modelDir = modelDir;
    this.requested = format;
  }

  private TextTokenizer tokenizer() {
    if (tokenizer == null) {
      tokenizer = HfTokenizer.load(modelDir);
      format = resolve(tokenizer, requested);
      stopTokens = ModelBundle.stopTokens(modelDir, tokenizer);
    }
    return tokenizer;
  }

  /** AUTO becomes CHAT when the tokenizer renders a chat template, RAW when it has none. */
  static PromptFormat resolve(TextTokenizer tokenizer, PromptFormat requested) {
    if (requested != PromptFormat.AUTO) {
      return requested;
    }
    try {
      tokenizer.applyChatTemplate(List.of(Map.of("role", "user", "content", PROBE)), true);
      return PromptFormat.CHAT;
    } catch (TokenizerException e) {
      return PromptFormat.RAW;
    }
  }

  /** The format in use (resolved once the tokenizer is open). */
  public PromptFormat format() {
    tokenizer();
    return format;
  }

  /** The prompt as text, before tokenization. */
  public String promptText(String text) {
    TextTokenizer t = tokenizer();
    if (format == PromptFormat.CHAT) {
      return t.applyChatTemplate(List.of(Map.of("role", "user", "content", text)), true);
    }
    return text;
  }

  @Override
  public int[] prompt(String text) {
    return tokenizer().encode(promptText(text));
  }

  /**
   * The completion's ids, ending so that the model learns to stop: RAW appends the end-of-sequence
   * token (unless the text already ends with it); CHAT keeps the template's closing when it holds
   * one of the model's stop tokens (Qwen's {@code <|im_end|>} when generation_config.json lists it)
   * and appends the end-of-sequence token otherwise, as TRL does.
   *
   * @throws InvalidTrainingConfigException when the tokenizer has no end-of-sequence token
   */
  @Override
  public int[] completion(String text) {
    TextTokenizer t = tokenizer();
    int eos =
        t.eosTokenId()
            .orElseThrow(
                () ->
                    new InvalidTrainingConfigException(
                        "the tokenizer of "
                            + modelDir
                            + " has no end-of-sequence token (eos_token in tokenizer_config.json):"
                            + " text completions need one so that the model learns to stop;"
                            + " set it, or give completion ids"));
    if (format == PromptFormat.CHAT) {
      String opened = t.applyChatTemplate(List.of(Map.of("role", "user", "content", PROBE)), true);
      String closed =
          t.applyChatTemplate(
              List.of(
                  Map.of("role", "user", "content", PROBE),
                  Map.of("role", "assistant", "content", text)),
              false);
      if (closed.startsWith(opened)) {
        int[] ids = t.encode(closed.substring(opened.length()));
        return Arrays.stream(ids).anyMatch(stopTokens::contains) ? ids : withEos(ids, eos);
      }
    }
    return withEos(t.encode(text), eos);
  }

  private static int[] withEos(int[] ids, int eos) {
    if (ids.length > 0 && ids[ids.length - 1] == eos) {
      return ids;
    }
    int[] out = Arrays.copyOf(ids, ids.length + 1);
    out[ids.length] = eos;
    return out;
  }

  @Override
  public void close() {
    if (tokenizer != null) {
      tokenizer.close();
    }
  }
}
