package dev.cogalign.cogpo.tokenizer;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/** Text to token ids and back, as the model was trained; no special tokens are ever added. */
public interface TextTokenizer extends AutoCloseable {

  /** The ids of {@code text}, with no special tokens added. */
  int[] encode(String text);

  /** The text of {@code ids}, special tokens included. */
  String decode(int[] ids);

  /** The beginning-of-sequence token, if the model has one. */
  OptionalInt bosTokenId();

  /** The end-of-sequence token, if the model has one; training appends it to completions. */
  OptionalInt eosTokenId();

  /** Tokens that end a generation (end-of-sequence and end-of-turn). */
  Set<Integer> stopTokenIds();

  /** Token used to pad batches. */
  int padTokenId();

  /**
   * Renders a conversation with the model's chat template.
   *
   * @param messages each with {@code role} and {@code content}
   * @param addGenerationPrompt end with the opening of an assistant turn
   * @throws TokenizerException when the model has no chat template
   */
  String applyChatTemplate(List<Map<String, Object>> messages, boolean addGenerationPrompt);

  /**
   * The text that {@code continuation} adds after {@code prefix}: decoded together and cut, so that
   * pieces whose spacing depends on what precedes them (SentencePiece's leading space) come out
   * right.
   */
  default String decodeContinuation(int[] prefix, int[] continuation) {
    int[] all = Arrays.copyOf(prefix, prefix.length + continuation.length);
    System.arraycopy(continuation, 0, all, prefix.length, continuation.length);
    String whole = decode(all);
    String head = decode(prefix);
    return whole.startsWith(head) ? whole.substring(head.length()) : decode(continuation);
  }

  @Override
  void close();
}
