package dev.cogalign.cogpo.checkpoint;

import java.nio.file.Path;

/** A file the checkpoint needs (config.json, model.safetensors, a shard, a tokenizer) is absent. */
public class MissingCheckpointFileException extends CheckpointException {

  public MissingCheckpointFileException(Path path, String what) {
    super(path, "missing " + what);
  }
}
