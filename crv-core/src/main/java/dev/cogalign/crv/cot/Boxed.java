package dev.cogalign.crv.cot;

import java.util.Optional;

/** The content of LaTeX {@code \boxed{...}} (or {@code \fbox{...}}), braces matched. */
public final class Boxed {
  private static final String[] COMMANDS = {"\\boxed", "\\fbox"};

  private Boxed() {}

  /** The content of the last {@code \boxed{}} in the text, nested braces kept. */
  public static Optional<String> last(String text) {
    int start = -1;
    for (String command : COMMANDS) {
      start = Math.max(start, text.lastIndexOf(command + "{"));
    }
    if (start < 0) {
      return Optional.empty();
    }
    int open = text.indexOf('{', start);
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return Optional.of(text.substring(open + 1, i).strip());
      }
    }
    return Optional.empty();
  }
}
