package dev.cogalign.serviceweb.text;

import java.util.Optional;

/**
 * Text PostgreSQL can store in a {@code text} column: no NUL character ({@code \u0000}, which it
 * refuses in any text) and no lone UTF-16 surrogate (which has no UTF-8 encoding). Checked where
 * text enters a service, so that the caller hears which field is wrong (400) instead of the
 * database failing the request (500).
 */
public final class StorableText {
  private StorableText() {}

  /** Why {@code text} cannot be stored, or empty when it can (null can). */
  public static Optional<String> problem(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        return Optional.of(
            "holds a NUL character (\\u0000) at index " + i + ", which cannot be stored");
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return Optional.of("holds a lone UTF-16 surrogate at index " + i + ", which is not text");
      }
      if (Character.isLowSurrogate(c)) {
        return Optional.of("holds a lone UTF-16 surrogate at index " + i + ", which is not text");
      }
    }
    return Optional.empty();
  }
}
