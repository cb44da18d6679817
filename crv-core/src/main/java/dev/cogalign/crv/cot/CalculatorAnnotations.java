package dev.cogalign.crv.cot;

import java.util.regex.Pattern;

/**
 * GSM8K's calculator annotations as text: {@code 48/2 = <<48/2=24>>24 clips} reads {@code 48/2 = 24
 * clips} without them, as GSM8K users commonly train and evaluate.
 */
public final class CalculatorAnnotations {
  /** Any {@code <<…>>} on one line, well-formed or not (GSM8K has a few without {@code =}). */
  private static final Pattern ANY = Pattern.compile("<<[^\\n]*?>>");

  private CalculatorAnnotations() {}

  /** The text with every {@code <<…>>} removed; everything else, lines included, as it was. */
  public static String strip(String text) {
    return text.indexOf("<<") < 0 ? text : ANY.matcher(text).replaceAll("");
  }
}
