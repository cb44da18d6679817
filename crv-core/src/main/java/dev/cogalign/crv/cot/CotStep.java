package dev.cogalign.crv.cot;

import java.util.List;
import java.util.Objects;

/**
 * One step of a CoT: a single line of text, its calculator annotations kept in place.
 *
 * @param text the line as written, annotations included, stripped, never blank or multi-line
 * @param annotations the annotations in the text, left to right (must match the text)
 */
public record CotStep(String text, List<Annotation> annotations) {

  public CotStep {
    Objects.requireNonNull(text, "text");
    text = text.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("a step cannot be blank");
    }
    if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("a step is one line: '" + text + "'");
    }
    if (text.startsWith(CotParser.ANSWER_MARKER)
        || text.contains(CotParser.THINK_OPEN)
        || text.contains(CotParser.THINK_CLOSE)) {
      throw new IllegalArgumentException("a step cannot hold an answer or think marker: " + text);
    }
    List<Annotation> found = Annotation.findIn(text);
    annotations = annotations == null ? found : List.copyOf(annotations);
    if (!annotations.equals(found)) {
      throw new IllegalArgumentException(
          "annotations " + annotations + " do not match the step text '" + text + "'");
    }
  }

  /** The step for a line, its annotations read from the text. */
  public static CotStep of(String text) {
    return new CotStep(text, null);
  }

  /** The text without its annotations, as a reader sees it. */
  public String plainText() {
    return Annotation.strip(text).replaceAll("\\s{2,}", " ").strip();
  }

  /** Arithmetic operations across the step's annotations (unreadable ones count 0). */
  public int operationCount() {
    return annotations.stream().mapToInt(a -> a.check().operations()).sum();
  }
}
