package dev.cogalign.cogpo.train.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fits examples into {@code maxLength} tokens and counts what it cut, so that nothing is lost
 * silently. A completion keeps its beginning (its end is cut) and gets at least half the budget; a
 * prompt keeps its end (its beginning is cut) only when it alone would take more than the rest. The
 * two completions of a pair share one truncated prompt.
 */
public final class Truncation {

  private Truncation() {}

  /** What truncation cut from a data set. */
  public record Report(
      int examples, int truncated, long promptTokensDropped, long completionTokensDropped) {

    public String describe() {
      return truncated
          + " of "
          + examples
          + " examples truncated ("
          + promptTokensDropped
          + " prompt tokens dropped from their beginning, "
          + completionTokensDropped
          + " completion tokens from their end)";
    }
  }

  /** The examples fitted into {@code maxLength} and the report. */
  public record Result<T>(List<T> items, Report report) {}

  /** Tokens of the prompt to keep when the longest completion has {@code completion} tokens. */
  static int promptKeep(int prompt, int completion, int maxLength) {
    if (prompt + completion <= maxLength) {
      return prompt;
    }
    int completionKeep = Math.min(completion, Math.max(maxLength - prompt, maxLength / 2));
    return Math.min(prompt, maxLength - completionKeep);
  }

  public static Result<TokenizedExample> examples(List<TokenizedExample> in, int maxLength) {
    List<TokenizedExample> out = new ArrayList<>(in.size());
    int truncated = 0;
    long promptDropped = 0;
    long completionDropped = 0;
    for (TokenizedExample e : in) {
      int p = e.promptIds().length;
      int c = e.completionIds().length;
      int keepP = promptKeep(p, c, maxLength);
      int keepC = Math.min(c, maxLength - keepP);
      if (keepP < p || keepC < c) {
        truncated++;
        promptDropped += p - keepP;
        completionDropped += c - keepC;
        e =
            new TokenizedExample(
                Arrays.copyOfRange(e.promptIds(), p - keepP, p),
                Arrays.copyOf(e.completionIds(), keepC));
      }
      out.add(e);
    }
    return new Result<>(out, new Report(in.size(), truncated, promptDropped, completionDropped));
  }

  public static Result<TokenizedPair> pairs(List<TokenizedPair> in, int maxLength) {
    List<TokenizedPair> out = new ArrayList<>(in.size());
    int truncated = 0;
    long promptDropped = 0;
    long completionDropped = 0;
    for (TokenizedPair pair : in) {
      int p = pair.promptIds().length;
      int w = pair.chosenIds().length;
      int l = pair.rejectedIds().length;
      int keepP = promptKeep(p, Math.max(w, l), maxLength);
      int keepW = Math.min(w, maxLength - keepP);
      int keepL = Math.min(l, maxLength - keepP);
      if (keepP < p || keepW < w || keepL < l) {
        truncated++;
        promptDropped += p - keepP;
        completionDropped += (w - keepW) + (l - keepL);
        pair =
            new TokenizedPair(
                Arrays.copyOfRange(pair.promptIds(), p - keepP, p),
                Arrays.copyOf(pair.chosenIds(), keepW),
                Arrays.copyOf(pair.rejectedIds(), keepL),
                pair.beta(),
                pair.miniTask());
      }
      out.add(pair);
    }
    return new Result<>(out, new Report(in.size(), truncated, promptDropped, completionDropped));
  }
}
