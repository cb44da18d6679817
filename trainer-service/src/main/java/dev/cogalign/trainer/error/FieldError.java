package dev.cogalign.trainer.error;

/** One reason a request was refused: the field at fault and what is wrong with it. */
public record FieldError(String field, String message) {}
