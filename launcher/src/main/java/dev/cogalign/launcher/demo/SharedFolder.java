package dev.cogalign.launcher.demo;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code shared} folder beside the repository root (GSM8K data, model fixtures): the system
 * property {@value #PROPERTY} when set, else the first {@code shared} sibling found walking up from
 * the working directory, then from the launcher jar.
 */
public final class SharedFolder {

  public static final String PROPERTY = "cogalign.shared";

  private SharedFolder() {}

  /** The shared folder, if one is found. */
  public static Optional<Path> locate() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured).toAbsolutePath().normalize());
    }
    List<Path> starts = new ArrayList<>();
    starts.add(Path.of("").toAbsolutePath());
    jarFolder().ifPresent(starts::add);
    for (Path start : starts) {
      for (Path dir = start.normalize(); dir != null; dir = dir.getParent()) {
        Path parent = dir.getParent();
        if (parent != null && looksShared(parent.resolve("shared"))) {
          return Optional.of(parent.resolve("shared"));
        }
        if (looksShared(dir.resolve("shared"))) {
          return Optional.of(dir.resolve("shared"));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean looksShared(Path candidate) {
    return Files.isDirectory(candidate.resolve("data"))
        || Files.isDirectory(candidate.resolve("fixtures"));
  }

  private static Optional<Path> jarFolder() {
    try {
      var source = SharedFolder.class.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return Optional.empty();
      }
      return Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath());
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return Optional.empty();
    }
  }
}
