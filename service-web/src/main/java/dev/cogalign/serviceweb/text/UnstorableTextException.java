package dev.cogalign.serviceweb.text;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * A JSON string {@link StorableText} refuses. Jackson adds the field's path as it unwinds; {@link
 * dev.cogalign.serviceweb.ProblemDetailsSupport} answers 400 naming that field with {@link
 * #reason()}.
 */
public final class UnstorableTextException extends InvalidFormatException {
  private final String reason;

  UnstorableTextException(JsonParser parser, String reason, String value) {
    super(parser, reason, value, String.class);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }

  /** The field's JSON path, as a caller names it: {@code problems[2].question} ({@code body}). */
  public String field() {
    StringBuilder field = new StringBuilder();
    for (Reference reference : getPath()) {
      if (reference.getPropertyName() != null) {
        field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        field.append('[').append(reference.getIndex()).append(']');
      }
    }
    return field.isEmpty() ? "body" : field.toString();
  }
}
