package dev.cogalign.serviceweb.text;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Jackson's own string deserializer, refusing text {@link StorableText} says cannot be stored. The
 * failure is an {@link UnstorableTextException}: Jackson adds the JSON path of the field, which the
 * problem details name.
 */
final class StorableStringDeserializer extends StringDeserializer {
  @Override
  public String deserialize(JsonParser p, DeserializationContext ctxt) {
    String value = super.deserialize(p, ctxt);
    var problem = StorableText.problem(value);
    if (problem.isPresent()) {
      throw new UnstorableTextException(p, problem.get(), value);
    }
    return value;
  }
}
