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
    Split split = split(text);
    List<CotStep> steps = stepTexts(split.lines()).stream().map(CotStep::of).toList();
    return new Cot(steps, markedAnswer(split.lines()), split.think());
  }

  /**
   * The texts of {@code parse(text).steps()} without reading their annotations (the store keeps
   * every revision's steps beside its text).
   */
  public static List<String> stepTexts(String text) {
    Objects.requireNonNull(text, "text");
    return stepTexts(split(text).lines());
  }

  private static List<String> stepTexts(String[] lines) {
    List<String> steps = new ArrayList<>();
    for (String line : lines) {
      String step = stepText(line);
      if (step != null) {
        steps.add(step);
      }
    }
    return steps;
  }

  /**
   * {@code parse(text).finalAnswer()} without building the steps and reading their annotations (an
   * upload asks it of every teacher CoT): the {@code ####} answer, else the last {@code \boxed{}}
   * of the steps, normalised as {@link Cot} does.
   */
  public static String finalAnswer(String text) {
    Objects.requireNonNull(text, "text");
    String[] lines = split(text).lines();
    String answer = markedAnswer(lines);
    for (int i = lines.length - 1; i >= 0 && answer == null; i--) {
      String step = stepText(lines[i]);
      if (step != null) {
        answer = Boxed.last(step).orElse(null);
      }
    }
    return Cot.normalizedAnswer(answer);
  }

  /** The lines outside the think block, and the think block (null when there is none). */
  private record Split(String[] lines, String think) {}

  private static Split split(String text) {
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
    return new Split(body.split("\\R"), think);
  }

  /** What follows the marker on the last line starting with it, or null. */
  private static String markedAnswer(String[] lines) {
    for (int i = lines.length - 1; i >= 0; i--) {
      String line = lines[i].strip();
      if (line.startsWith(ANSWER_MARKER)) {
        return line.substring(ANSWER_MARKER.length());
      }
    }
    return null;
  }

  /**
   * A line's step text as {@link CotStep} keeps it (stray think tags removed, stripped), or null
   * for a blank line or the answer's; a line of nothing but think tags is refused, as a blank step
   * is.
   */
  private static String stepText(String line) {
    String stripped = line.strip();
    if (stripped.isEmpty() || stripped.startsWith(ANSWER_MARKER)) {
      return null;
    }
    String step = stripped.replace(THINK_OPEN, "").replace(THINK_CLOSE, "").strip();
    if (step.isEmpty()) {
      throw new IllegalArgumentException("a step cannot be blank: '" + stripped + "'");
    }
    return step;
  }
}
