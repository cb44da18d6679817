package dev.cogalign.gateway;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the {@code shared} folder beside the repository root: the {@code cogalign.shared} system
 * property when set, else the first {@code shared} sibling found walking up from the working dir.
 */
final class SharedData {

  private SharedData() {}

  static Path resolve(String relative) {
    String configured = System.getProperty("cogalign.shared");
    if (configured != null) {
      return Path.of(configured).resolve(relative);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("data"))) {
        return candidate.resolve(relative);
      }
    }
    throw new IllegalStateException(
        "no ../shared folder above " + Path.of("").toAbsolutePath() + "; set -Dcogalign.shared");
  }
}
