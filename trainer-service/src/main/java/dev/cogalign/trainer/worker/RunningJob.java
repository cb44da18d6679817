package dev.cogalign.trainer.worker;

/**
 * A claimed job on this worker, and why it should stop: the user cancelled it, the worker is
 * shutting down (hand it back), or the lease was lost (another worker owns it; write nothing).
 */
final class RunningJob {
  private final long id;
  private volatile boolean cancelRequested;
  private volatile boolean shuttingDown;
  private volatile boolean leaseLost;

  RunningJob(long id) {
    this.id = id;
  }

  long id() {
    return id;
  }

  void cancel() {
    cancelRequested = true;
  }

  void shutDown() {
    shuttingDown = true;
  }

  void loseLease() {
    leaseLost = true;
  }

  boolean cancelRequested() {
    return cancelRequested;
  }

  boolean shuttingDown() {
    return shuttingDown;
  }

  boolean leaseLost() {
    return leaseLost;
  }

  boolean shouldStop() {
    return cancelRequested || shuttingDown || leaseLost;
  }
}
