package dev.cogalign.trainer.job;

/**
 * A job's life: QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED (RUNNING may go back to QUEUED).
 */
public enum JobStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  public boolean finished() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
