package dev.cogalign.crv.cot;

import java.util.ArrayList;
import java.util.List;
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

  /** The contents of every {@code \boxed{}} (and {@code \fbox{}}) in order, nested braces kept. */
  public static List<String> all(String text) {
    List<String> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int start = -1;
      String found = null;
      for (String command : COMMANDS) {
        int at = text.indexOf(command + "{", from);
        if (at >= 0 && (start < 0 || at < start)) {
          start = at;
          found = command;
        }
      }
      if (start < 0) {
        return out;
      }
      int open = start + found.length();
      int depth = 0;
      int close = -1;
      for (int i = open; i < text.length() && close < 0; i++) {
        char c = text.charAt(i);
        if (c == '{') {
          depth++;
        } else if (c == '}' && --depth == 0) {
          close = i;
        }
      }
      if (close < 0) {
        return out;
      }
      out.add(text.substring(open + 1, close).strip());
      from = close + 1;
    }
  }
}
