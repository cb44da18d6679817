package dev.cogalign.pipeline.run;

/** Where a run stands. */
public enum RunStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  boolean finished() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
