package dev.cogalign.crv.cot;

import java.util.Objects;

/**
 * Writes a {@link Cot} in GSM8K form: the think block (if any), one step per line, then {@code ####
 * answer}. {@code CotParser.parse(CotRenderer.render(cot))} equals {@code cot}.
 */
public final class CotRenderer {
  private CotRenderer() {}

  public static String render(Cot cot) {
    Objects.requireNonNull(cot, "cot");
    StringBuilder out = new StringBuilder();
    if (cot.think() != null) {
      out.append(CotParser.THINK_OPEN)
          .append('\n')
          .append(cot.think())
          .append('\n')
          .append(CotParser.THINK_CLOSE)
          .append('\n');
    }
    for (CotStep step : cot.steps()) {
      out.append(step.text()).append('\n');
    }
    if (cot.finalAnswer() != null) {
      out.append(CotParser.ANSWER_MARKER).append(' ').append(cot.finalAnswer());
    } else if (out.length() > 0) {
      out.setLength(out.length() - 1);
    }
    return out.toString();
  }

  /** The steps only, one per line, without think text or final answer. */
  public static String renderSteps(Cot cot) {
    return String.join("\n", cot.steps().stream().map(CotStep::text).toList());
  }
}
