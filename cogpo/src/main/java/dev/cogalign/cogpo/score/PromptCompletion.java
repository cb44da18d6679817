package dev.cogalign.cogpo.score;

import dev.cogalign.cogpo.CogpoException;
import dev.cogalign.cogpo.tokenizer.TextTokenizer;

/**
 * A prompt and a completion as token ids; the completion's tokens are the ones scored.
 *
 * <p>Text is tokenized <b>in two parts</b>: {@code encode(prompt)} followed by {@code
 * encode(completion)}, never {@code encode(prompt + completion)}. A byte-level BPE may merge
 * characters across the boundary, so the joint encoding need not start with the prompt's tokens;
 * encoding the parts keeps the prompt tokens identical for every completion of a prompt (chosen and
 * rejected condition on the same x, as TRL's DPO tokenization does) and the completion's log-prob
 * is over exactly its own tokens. Put any separating space at the start of the completion.
 *
 * @param prompt conditioning tokens, at least one (a BOS token for an empty prompt)
 * @param completion scored tokens
 */
public record PromptCompletion(int[] prompt, int[] completion) {

  public PromptCompletion {
    if (prompt.length == 0) {
      throw new CogpoException(
          "a prompt needs at least one token to condition on (start it with a BOS token)");
    }
  }

  /** Tokenizes both parts separately (see the class comment); an empty prompt becomes BOS. */
  public static PromptCompletion fromText(
      TextTokenizer tokenizer, String prompt, String completion, boolean prependBos) {
    int[] p = tokenizer.encode(prompt);
    if (prependBos || p.length == 0) {
      int bos =
          tokenizer
              .bosTokenId()
              .orElseThrow(
                  () ->
                      new CogpoException(
                          "the prompt is empty and the tokenizer has no BOS token to stand for it"));
      int[] withBos = new int[p.length + 1];
      withBos[0] = bos;
      System.arraycopy(p, 0, withBos, 1, p.length);
      p = withBos;
    }
    return new PromptCompletion(p, tokenizer.encode(completion));
  }

  public int length() {
    return prompt.length + completion.length;
  }
}
