package dev.cogalign.cogpo.train.optim;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Updates parameters in place from their accumulated gradients. Parameters are given by their
 * Hugging Face names, so that the state can be saved and restored exactly by name.
 */
public interface Optimizer extends AutoCloseable {

  /** Takes one step at learning rate {@code lr}; parameters without a gradient are left alone. */
  void step(Map<String, NDArray> parameters, double lr);

  /** Writes the optimizer state (empty for stateless optimizers) to {@code file}. */
  void save(Path file) throws IOException;

  /** Restores the state written by {@link #save}. */
  void load(Path file) throws IOException;

  @Override
  void close();
}
