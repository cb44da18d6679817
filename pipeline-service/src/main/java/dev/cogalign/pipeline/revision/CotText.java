package dev.cogalign.pipeline.revision;

import dev.cogalign.crv.cot.Boxed;
import java.util.List;

/**
 * The one text format of the store: a CoT is its steps, one per line, ending with a GSM8K {@code
 * #### answer} line (or, for MATH solutions, holding the answer in {@code \boxed{}}).
 *
 * <p>The export renders every CoT with {@link #withAnswer}, so that SFT completions and preference
 * pairs share one format: the question is the prompt; the completion is the CoT ending with {@code
 * #### answer}.
 */
public final class CotText {
  static final String ANSWER_MARKER = "####";

  private CotText() {}

  /** The non-blank lines before the answer line, stripped: the CoT's steps. */
  public static List<String> steps(String text) {
    return text.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith(ANSWER_MARKER))
        .toList();
  }

  /** What follows the last {@code ####}, else the last {@code \boxed{}}, else null. */
  public static String finalAnswer(String text) {
    int marker = text.lastIndexOf(ANSWER_MARKER);
    if (marker >= 0) {
      String answer = text.substring(marker + ANSWER_MARKER.length()).strip();
      int newline = answer.indexOf('\n');
      answer = newline < 0 ? answer : answer.substring(0, newline).strip();
      return answer.isEmpty() ? null : answer;
    }
    return Boxed.last(text).orElse(null);
  }

  /** The text ending with {@code #### answer}; unchanged if it already has a {@code ####} line. */
  public static String withAnswer(String text, String answer) {
    if (text.contains(ANSWER_MARKER) || answer == null) {
      return text;
    }
    return text.strip() + "\n" + ANSWER_MARKER + " " + answer.strip();
  }
}
