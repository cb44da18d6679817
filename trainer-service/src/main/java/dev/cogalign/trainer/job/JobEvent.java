package dev.cogalign.trainer.job;

import java.time.Instant;

/** One entry of a job's status log. */
public record JobEvent(long id, JobStatus status, String message, String worker, Instant at) {}
