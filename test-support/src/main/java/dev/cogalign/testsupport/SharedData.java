package dev.cogalign.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ../shared} beside the repository root: the system property {@code cogalign.shared} if set,
 * else the first {@code shared} folder holding {@code relative} found walking up from the working
 * directory.
 */
public final class SharedData {
  private SharedData() {}

  public static Path path(String relative) {
    String configured = System.getProperty("cogalign.shared");
    if (configured != null) {
      return Path.of(configured).resolve(relative);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve(relative);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "../shared/" + relative + " not found above " + Path.of("").toAbsolutePath());
  }
}
