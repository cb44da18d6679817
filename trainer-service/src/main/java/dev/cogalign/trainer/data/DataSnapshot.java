package dev.cogalign.trainer.data;

import java.nio.file.Path;

/**
 * Training data pulled from pipeline-service and stored as the job will read it.
 *
 * @param file the stored JSONL, named by its hash
 * @param sha256 hex SHA-256 of the file's bytes
 * @param count its records
 * @param source where it came from, e.g. {@code pipeline:/api/v1/runs/7/pairs}
 */
public record DataSnapshot(Path file, String sha256, int count, String source) {}
