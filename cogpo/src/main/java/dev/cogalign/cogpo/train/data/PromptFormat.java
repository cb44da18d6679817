package dev.cogalign.cogpo.train.data;

import dev.cogalign.cogpo.train.InvalidTrainingConfigException;

/** How text prompts and completions become token ids. Ids given in the data are never changed. */
public enum PromptFormat {
  /** CHAT when the tokenizer has a chat template, else RAW. */
  AUTO,
  /**
   * The prompt is a user turn rendered with the chat template plus the assistant opening; the
   * completion is the assistant turn's text as the template closes it (with its end-of-turn
   * tokens), plus the end-of-sequence token unless the closing holds a stop token, so the model
   * learns to stop. SFT, DPO, CogPO and eval all see this one format.
   */
  CHAT,
  /**
   * Prompt and completion tokenized as they are, separately; the completion gets the
   * end-of-sequence token appended (unless it already ends with it), so the model learns to stop.
   */
  RAW;

  public static PromptFormat parse(String value) {
    for (PromptFormat f : values()) {
      if (f.name().equalsIgnoreCase(value)) {
        return f;
      }
    }
    throw new InvalidTrainingConfigException(
        "prompt format '" + value + "' is not one of auto|chat|raw");
  }
}
