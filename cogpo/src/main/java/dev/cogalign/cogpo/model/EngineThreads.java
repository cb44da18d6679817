package dev.cogalign.cogpo.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * The engine's intra-op (OpenMP) thread count.
 *
 * <p>Small models on a shared CPU want one thread: once a tensor op is large enough to be split
 * (PyTorch's grain size, 32768 elements: the tiny fixtures' MLP activations cross it at 4 rows),
 * its threads wait for each other at every op, and on an oversubscribed machine each wait costs a
 * scheduler slice. Measured on the qwen2-tiny fixture, 2 cores under a load of ~8: a CogPO step
 * took 1.4–1.8 s with the engine's default 2 threads and 0.3 s with 1 (docs/training.md).
 *
 * <p>PyTorch applies a count to a thread the first time that thread runs a parallel op and keeps
 * it: {@code -Dai.djl.pytorch.num_threads=N} (read when the engine loads) reaches every thread;
 * {@link #use(int)} later reaches the calling thread and threads that have not run an op yet, not
 * those that already have.
 */
public final class EngineThreads {

  /** DJL's system property for the PyTorch intra-op thread count, read when the engine loads. */
  public static final String PROPERTY = "ai.djl.pytorch.num_threads";

  private static final String PYTORCH = "PyTorch";

  private EngineThreads() {}

  /** Intra-op threads the engine uses on the calling thread (1 for engines other than PyTorch). */
  public static int current() {
    return isPyTorch() ? JniUtils.getNumThreads() : 1;
  }

  /**
   * Sets the intra-op thread count: as the property when the engine has not loaded yet, and on the
   * engine for the calling thread (and threads that have run no op yet).
   *
   * @param threads at least 1
   */
  public static void use(int threads) {
    requirePositive(threads);
    System.setProperty(PROPERTY, Integer.toString(threads));
    if (isPyTorch()) {
      JniUtils.setNumThreads(threads);
    }
  }

  /**
   * Runs {@code work} with {@code threads} intra-op threads on the calling thread, then gives the
   * calling thread its count back. While it runs, a thread running its first op takes this count
   * too (PyTorch keeps one process-wide default beside each thread's own).
   */
  public static <T> T during(int threads, Supplier<T> work) {
    requirePositive(threads);
    if (!isPyTorch()) {
      return work.get();
    }
    int before = JniUtils.getNumThreads();
    if (before == threads) {
      return work.get();
    }
    JniUtils.setNumThreads(threads);
    try {
      return work.get();
    } finally {
      JniUtils.setNumThreads(before);
    }
  }

  private static void requirePositive(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("intra-op threads " + threads + " must be >= 1");
    }
  }

  private static boolean isPyTorch() {
    return PYTORCH.equals(Engine.getInstance().getEngineName());
  }
}
