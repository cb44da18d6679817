package dev.cogalign.pipeline.run;

import dev.cogalign.pipeline.error.PipelineException;

/** Thrown between two steps of a cancelled run; the problem stays PENDING. */
class RunCancelledException extends PipelineException {
  RunCancelledException(long runId) {
    super("run " + runId + " was cancelled");
  }
}
