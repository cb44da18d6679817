package dev.cogalign.cogpo.train;

import dev.cogalign.cogpo.train.data.TextEncoder;
import java.nio.file.Path;

/** The text encoder of a model folder: its tokenizer and prompt format. */
final class TextEncoders {

  private TextEncoders() {}

  /** An encoder that opens the folder's tokenizer on first use (id-only data never opens it). */
  static TextEncoder lazy(Path modelDir) {
    return new TextEncoder() {
      @Override
      public int[] prompt(String text) {
        throw new TrainException(
            "text data needs the tokenizer of " + modelDir + ", which is not wired in yet");
      }

      @Override
      public int[] completion(String text) {
        return prompt(text);
      }
    };
  }
}
