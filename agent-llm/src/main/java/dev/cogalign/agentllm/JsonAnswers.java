package dev.cogalign.agentllm;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the JSON object a model was asked for, tolerating code fences and text around it. */
final class JsonAnswers {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_QUOTED_CHARS = 120;

  private JsonAnswers() {}

  /** The outermost JSON object in the text. */
  static JsonNode object(String text) {
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    if (start < 0 || end < start) {
      throw new MalformedAnswerException("no JSON object in " + quote(text));
    }
    try {
      JsonNode node = JSON.readTree(text.substring(start, end + 1));
      if (!node.isObject()) {
        throw new MalformedAnswerException("not a JSON object: " + quote(text));
      }
      return node;
    } catch (JacksonException e) {
      throw new MalformedAnswerException("invalid JSON in " + quote(text));
    }
  }

  /** A step number: a JSON number or a numeric string; 0 (the whole CoT) when absent. */
  static int step(JsonNode item) {
    JsonNode step = item.path("step");
    if (step.isIntegralNumber()) {
      return Math.max(0, step.asInt());
    }
    if (step.isString()) {
      String digits = step.asString().replaceAll("\\D", "");
      if (!digits.isEmpty() && digits.length() < 6) {
        return Integer.parseInt(digits);
      }
    }
    return 0;
  }

  /** The text quoted in an error message, clipped. */
  static String quote(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return "\""
        + (oneLine.length() <= MAX_QUOTED_CHARS
            ? oneLine
            : oneLine.substring(0, MAX_QUOTED_CHARS) + "…")
        + "\"";
  }
}
