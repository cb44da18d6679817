package dev.cogalign.trainer.model;

import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import dev.cogalign.trainer.config.TrainerProperties;
import dev.cogalign.trainer.error.InvalidRequestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The folders model paths must lie in ({@link TrainerProperties#allModelRoots()}): a path given to
 * the API is accepted only when it resolves, symbolic links followed, to a Hugging Face folder
 * inside one of them. A missing folder, one outside the roots and one without {@code config.json}
 * get the same answer, {@link #RULE}, so that the API tells nothing of the server's disk.
 */
@Component
public class ModelRoots {
  /** The one answer to a path that is refused, whatever the reason. */
  public static final String RULE =
      "must name a Hugging Face folder (with config.json) inside the trainer's model roots"
          + " (cogalign.trainer.model-roots or its storage folder)";

  private final List<Path> roots;

  @Autowired
  ModelRoots(TrainerProperties properties) {
    this(properties.allModelRoots());
  }

  ModelRoots(List<Path> roots) {
    this.roots = roots.stream().map(r -> r.toAbsolutePath().normalize()).toList();
  }

  /** {@code ref} as a real path inside a root holding a checkpoint, or a 400 on {@code field}. */
  public Path confine(String ref, String field) {
    return find(ref).orElseThrow(() -> new InvalidRequestException(field, RULE));
  }

  /** {@code ref} as a real path inside a root holding a checkpoint, if it is one. */
  public Optional<Path> find(String ref) {
    Path real;
    try {
      real = Path.of(ref).toAbsolutePath().toRealPath();
    } catch (InvalidPathException | IOException | SecurityException e) {
      return Optional.empty();
    }
    if (rootOf(real).isEmpty() || !Files.isDirectory(real) || !HfCheckpoint.isCheckpoint(real)) {
      return Optional.empty();
    }
    return Optional.of(real);
  }

  /** {@code path} relative to the root holding it, or null when it is in none. */
  public String relative(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    try {
      absolute = absolute.toRealPath();
    } catch (IOException | SecurityException e) {
      // gone from disk: its registered path as it was
    }
    Path shown = absolute;
    return rootOf(shown).map(root -> root.relativize(shown).toString()).orElse(null);
  }

  /** The real path of the first existing root that holds {@code path} (itself real or normal). */
  private Optional<Path> rootOf(Path path) {
    for (Path root : realRoots()) {
      if (path.startsWith(root)) {
        return Optional.of(root);
      }
    }
    return Optional.empty();
  }

  /** The roots as real paths; a root that does not exist (yet) holds nothing. */
  private List<Path> realRoots() {
    List<Path> real = new ArrayList<>();
    for (Path root : roots) {
      try {
        real.add(root.toRealPath());
      } catch (IOException | SecurityException e) {
        // not created yet: nothing can be inside it
      }
    }
    return real;
  }
}
