package dev.cogalign.cogpo.train.data;

import dev.cogalign.cogpo.train.TrainException;
import java.nio.file.Path;

/** A training data line is malformed; the message names the file, the line and the field. */
public class DataFormatException extends TrainException {

  private final Path file;
  private final int line;

  public DataFormatException(Path file, int line, String message) {
    super(file + " line " + line + ": " + message);
    this.file = file;
    this.line = line;
  }

  public Path file() {
    return file;
  }

  public int line() {
    return line;
  }
}
