package dev.cogalign.pipeline.export;

/** One line of {@code GET /api/v1/runs/{id}/sft}: a question and its verified CoT. */
public record SftRecord(String prompt, String completion) {}
