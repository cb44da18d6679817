package dev.cogalign.trainer.worker;

import java.util.concurrent.Semaphore;

/**
 * Jobs this JVM can run at once, whatever the number of worker contexts in it: DJL's PyTorch
 * gradient collector is one per JVM ("Only one can be collecting at a time"), so a second job
 * training in the same process fails. A worker claims a job only after taking a slot, so jobs wait
 * in the queue rather than fail; replicas in their own JVMs (one per GPU) each have theirs.
 */
final class EngineSlots {
  static final int PER_JVM = 1;
  private static final Semaphore SLOTS = new Semaphore(PER_JVM);

  private EngineSlots() {}

  static boolean tryTake() {
    return SLOTS.tryAcquire();
  }

  static void give() {
    SLOTS.release();
  }
}
