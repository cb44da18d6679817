package dev.cogalign.serviceweb;

/** One invalid field of a request, as listed in a 400 problem body. */
public record FieldError(String field, String message) {}
