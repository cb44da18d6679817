package dev.cogalign.pipeline.dataset;

import java.time.Instant;

/** A named collection of problems. */
public record Dataset(long id, String name, Instant createdAt) {}
