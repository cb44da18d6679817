package dev.cogalign.cogpo.train.data;

/**
 * One prompt and one completion as token ids, concatenated as given (no EOS or other special token
 * is added: whatever the data's ids hold is what is scored).
 */
public record TokenizedExample(int[] promptIds, int[] completionIds) {

  public TokenizedExample {
    if (promptIds.length + completionIds.length == 0) {
      throw new IllegalArgumentException("an example needs at least one token");
    }
  }

  /** Prompt plus completion length. */
  public int length() {
    return promptIds.length + completionIds.length;
  }
}
