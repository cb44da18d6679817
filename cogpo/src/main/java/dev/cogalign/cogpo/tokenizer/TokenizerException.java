package dev.cogalign.cogpo.tokenizer;

import dev.cogalign.cogpo.CogpoException;

/** A tokenizer or chat template that cannot be loaded or applied. */
public class TokenizerException extends CogpoException {

  public TokenizerException(String message) {
    super(message);
  }

  public TokenizerException(String message, Throwable cause) {
    super(message, cause);
  }
}
