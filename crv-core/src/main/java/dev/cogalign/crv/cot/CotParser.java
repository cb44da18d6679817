package dev.cogalign.crv.cot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a chain of thought: GSM8K lines with {@code <<expr=value>>} annotations and a final {@code
 * #### answer}, an optional {@code <think>...</think>} block (an R1 trace may omit the opening
 * tag), or free text whose final answer is in {@code \boxed{}}. Each non-blank line outside the
 * think block is one step.
 */
public final class CotParser {
  public static final String ANSWER_MARKER = "####";
  public static final String THINK_OPEN = "<think>";
  public static final String THINK_CLOSE = "</think>";

  private CotParser() {}

  /** Parses any text; never fails on free text (it may yield no steps). */
  public static Cot parse(String text) {
    Objects.requireNonNull(text, "text");
    String body = text;
    String think = null;
    int close = text.indexOf(THINK_CLOSE);
    int open = text.indexOf(THINK_OPEN);
    if (close >= 0) {
      int start = open >= 0 && open < close ? open + THINK_OPEN.length() : 0;
      think = text.substring(start, close);
      String before = open >= 0 && open < close ? text.substring(0, open) : "";
      body = before + "\n" + text.substring(close + THINK_CLOSE.length());
    } else if (open >= 0) {
      think = text.substring(open + THINK_OPEN.length());
      body = text.substring(0, open);
    }
    if (think != null) {
      think = think.replace(THINK_OPEN, "").replace(THINK_CLOSE, "");
    }
    String[] lines = body.split("\\R");
    int answerLine = -1;
    for (int i = lines.length - 1; i >= 0 && answerLine < 0; i--) {
      if (lines[i].strip().startsWith(ANSWER_MARKER)) {
        answerLine = i;
      }
    }
    String finalAnswer =
        answerLine < 0 ? null : lines[answerLine].strip().substring(ANSWER_MARKER.length());
    List<CotStep> steps = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith(ANSWER_MARKER)) {
        continue;
      }
      steps.add(CotStep.of(line.replace(THINK_OPEN, "").replace(THINK_CLOSE, "")));
    }
    return new Cot(steps, finalAnswer, think);
  }
}
