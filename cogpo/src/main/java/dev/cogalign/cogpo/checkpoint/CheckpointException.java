package dev.cogalign.cogpo.checkpoint;

import dev.cogalign.cogpo.CogpoException;
import java.nio.file.Path;

/** A checkpoint folder or file that cannot be read or written; names the path. */
public class CheckpointException extends CogpoException {

  private final Path path;

  public CheckpointException(Path path, String message) {
    super(message + " (" + path + ")");
    this.path = path;
  }

  public CheckpointException(Path path, String message, Throwable cause) {
    super(message + " (" + path + ")", cause);
    this.path = path;
  }

  public Path path() {
    return path;
  }
}
