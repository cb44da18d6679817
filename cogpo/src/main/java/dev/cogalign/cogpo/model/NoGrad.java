package dev.cogalign.cogpo.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A scope in which the engine records no autograd graph, on the calling thread.
 *
 * <p>PyTorch's grad mode is per thread: DJL turns it off on the thread that loads the engine, but
 * every other thread starts with it on. With it on, in-place updates of trainable weights fail ("a
 * leaf Variable that requires grad is being used in an in-place operation") and inference on
 * trainable weights records a graph nobody back-propagates. cogpo's optimizers, training loop and
 * inference paths enter this scope themselves, so they behave the same on any thread; a {@code
 * GradientCollector} opened inside turns recording on for its own extent and off again when closed.
 *
 * <pre>
 * try (NoGrad ignored = NoGrad.enter()) {
 *   ...
 * }
 * </pre>
 *
 * Closing restores the thread's previous grad mode.
 */
public final class NoGrad implements AutoCloseable {

  private static final String PYTORCH = "PyTorch";

  private final boolean restore;

  private NoGrad(boolean restore) {
    this.restore = restore;
  }

  /** Turns grad mode off on this thread until {@link #close()}. */
  public static NoGrad enter() {
    if (!PYTORCH.equals(Engine.getInstance().getEngineName())) {
      return new NoGrad(false);
    }
    boolean previous = JniUtils.isGradMode();
    if (previous) {
      JniUtils.setGradMode(false);
    }
    return new NoGrad(previous);
  }

  /** Whether the engine records autograd graphs on this thread now. */
  public static boolean isRecording() {
    return PYTORCH.equals(Engine.getInstance().getEngineName()) && JniUtils.isGradMode();
  }

  @Override
  public void close() {
    if (restore) {
      JniUtils.setGradMode(true);
    }
  }
}
