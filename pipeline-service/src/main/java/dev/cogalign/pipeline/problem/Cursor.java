package dev.cogalign.pipeline.problem;

import dev.cogalign.pipeline.error.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque keyset cursor of listings by problem id: the last id seen, encoded. */
public final class Cursor {
  private static final String PREFIX = "p1:";

  private Cursor() {}

  public static String encode(long lastId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + lastId).getBytes(StandardCharsets.UTF_8));
  }

  /** The last id seen, 0 for no cursor; a cursor this service did not issue is a 400. */
  public static long decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!text.startsWith(PREFIX)) {
        throw new IllegalArgumentException(text);
      }
      return Long.parseLong(text.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          "cursor", "cursor '" + cursor + "' is not one this service issued");
    }
  }
}
