package dev.cogalign.pipeline.run;

/** {@code POST /api/v1/runs} → 201. */
public record RunCreated(long id) {}
