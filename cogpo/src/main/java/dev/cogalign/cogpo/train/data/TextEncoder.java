package dev.cogalign.cogpo.train.data;

/**
 * Turns the text fields of a data line into token ids. One encoder serves SFT, DPO, CogPO and
 * evaluation, so that every stage sees the same prompt format.
 */
public interface TextEncoder {

  /** The prompt as the model sees it before its answer (e.g. rendered with the chat template). */
  int[] prompt(String text);

  /** A completion as it follows the prompt (e.g. with the end-of-sequence token appended). */
  int[] completion(String text);
}
