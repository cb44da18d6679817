package dev.cogalign.trainer.job;

import java.util.List;

/** One page of jobs, newest first; {@code nextCursor} is null on the last page. */
public record JobPage(List<JobView> items, String nextCursor) {}
