package dev.cogalign.pipeline.problem;

/** {@code POST /api/v1/datasets/{id}/problems}: problems created, and those already there. */
public record UploadResult(int created, int existing) {}
