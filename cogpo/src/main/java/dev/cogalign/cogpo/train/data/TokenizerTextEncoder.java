package dev.cogalign.cogpo.train.data;

import dev.cogalign.cogpo.tokenizer.HfTokenizer;
import dev.cogalign.cogpo.tokenizer.TextTokenizer;
import dev.cogalign.cogpo.tokenizer.TokenizerException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A {@link TextEncoder} over a model's tokenizer in a {@link PromptFormat}. Prompt and completion
 * are tokenized separately, so every completion of a prompt conditions on the same prompt ids.
 */
public final class TokenizerTextEncoder implements TextEncoder, AutoCloseable {

  /** Stands for the user's text when finding what the template adds around an assistant turn. */
  private static final String PROBE = "x";

  private final Path modelDir;
  private final PromptFormat requested;
  private TextTokenizer tokenizer;
  private PromptFormat format;

  /** Opens the tokenizer of {@code modelDir} on first use, so id-only data never needs it. */
  public TokenizerTextEncoder(Path modelDir, PromptFormat format) {
    this.modelDir = modelDir;
    this.requested = format;
  }

  private TextTokenizer tokenizer() {
    if (tokenizer == null) {
      tokenizer = HfTokenizer.load(modelDir);
      format = resolve(tokenizer, requested);
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

  @Override
  public int[] completion(String text) {
    TextTokenizer t = tokenizer();
    if (format == PromptFormat.CHAT) {
      String opened = t.applyChatTemplate(List.of(Map.of("role", "user", "content", PROBE)), true);
      String closed =
          t.applyChatTemplate(
              List.of(
                  Map.of("role", "user", "content", PROBE),
                  Map.of("role", "assistant", "content", text)),
              false);
      if (closed.startsWith(opened)) {
        return t.encode(closed.substring(opened.length()));
      }
    }
    return t.encode(text);
  }

  @Override
  public void close() {
    if (tokenizer != null) {
      tokenizer.close();
    }
  }
}
