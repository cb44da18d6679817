package dev.cogalign.cogpo.train;

import java.nio.file.Path;

/**
 * Receives a run's progress: the trainer service implements it to store metrics, record checkpoints
 * and cancel jobs. Called on the training thread; keep the calls short.
 */
public interface TrainingListener {

  /** A listener that ignores everything and never cancels. */
  TrainingListener NONE = new TrainingListener() {};

  /** After every optimizer step, with that step's metrics. */
  default void onStep(StepMetrics metrics) {}

  /** After a checkpoint folder has been completely written. */
  default void onCheckpoint(Path checkpoint, int step) {}

  /**
   * Polled before every optimizer step; true stops the run there (after writing a checkpoint so
   * that it can be resumed).
   */
  default boolean isCancelled() {
    return false;
  }
}
