package dev.cogalign.pipeline.revision;

import dev.cogalign.crv.answer.AnswerExtractor;
import dev.cogalign.crv.cot.CotParser;
import java.util.List;

/**
 * The one text format of the store: a CoT is its steps, one per line, ending with a GSM8K {@code
 * #### answer} line (or, for MATH solutions, holding the answer in {@code \boxed{}}), read with
 * crv-core's {@link CotParser} and {@link AnswerExtractor}.
 *
 * <p>The export renders every CoT with {@link #withAnswer}, so that SFT completions and preference
 * pairs share one format: the question is the prompt; the completion is the CoT ending with {@code
 * #### answer}.
 */
public final class CotText {
  private CotText() {}

  /** The CoT's steps: its non-blank lines outside any think block, the answer line excluded. */
  public static List<String> steps(String text) {
    return CotParser.stepTexts(text);
  }

  /** The final answer as written: {@code ####}, {@code \boxed{}}, "the answer is", …; or null. */
  public static String finalAnswer(String text) {
    return AnswerExtractor.extract(text).orElse(null);
  }

  /** The text ending with {@code #### answer}; unchanged if it already has a {@code ####} line. */
  public static String withAnswer(String text, String answer) {
    if (answer == null || CotParser.finalAnswer(text) != null) {
      return text;
    }
    return text.strip() + "\n" + CotParser.ANSWER_MARKER + " " + answer.strip();
  }
}
