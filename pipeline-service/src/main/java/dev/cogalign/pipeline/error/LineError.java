package dev.cogalign.pipeline.error;

/**
 * What is wrong with one row of an upload.
 *
 * @param line the 1-based line of the body where the row starts
 * @param message what is wrong with it
 */
public record LineError(long line, String message) {}
