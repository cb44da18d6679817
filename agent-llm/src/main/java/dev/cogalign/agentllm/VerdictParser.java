package dev.cogalign.agentllm;

import dev.cogalign.crv.agent.StepFinding;
import dev.cogalign.crv.agent.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * The critic's structured verdict {@code {"verdict": ..., "reasons": [{"step", "message"}]}}, case
 * normalised; a bare verdict word (as the authors' critic answered) is accepted without reasons.
 */
final class VerdictParser {
  private VerdictParser() {}

  /** A verdict with its reasons. */
  record ParsedVerdict(Verdict verdict, List<StepFinding> reasons) {}

  static ParsedVerdict parse(String text) {
    String word = text.strip().replaceAll("^[\\s\"'*`.]+|[\\s\"'*`.!]+$", "");
    if (!word.contains("{")) {
      return new ParsedVerdict(verdict(word, text), List.of());
    }
    JsonNode json = JsonAnswers.object(text);
    JsonNode verdictNode = json.path("verdict");
    if (!verdictNode.isString()) {
      throw new MalformedAnswerException(
          "the JSON object has no string field \"verdict\": " + JsonAnswers.quote(text));
    }
    Verdict verdict = verdict(verdictNode.asString(), text);
    List<StepFinding> reasons = new ArrayList<>();
    for (JsonNode reason : json.path("reasons")) {
      String message = reason.isString() ? reason.asString() : reason.path("message").asString("");
      if (message.isBlank()) {
        continue;
      }
      boolean fits =
          reason.path("ok").isBoolean() ? reason.path("ok").asBoolean() : verdict == Verdict.MEDIUM;
      reasons.add(new StepFinding(JsonAnswers.step(reason), fits, message.strip()));
    }
    return new ParsedVerdict(verdict, reasons);
  }

  private static Verdict verdict(String value, String text) {
    String normalised = value.strip().toUpperCase(Locale.ROOT);
    for (Verdict v : Verdict.values()) {
      if (v.name().equals(normalised)) {
        return v;
      }
    }
    throw new MalformedAnswerException(
        "verdict "
            + JsonAnswers.quote(value)
            + " is not one of "
            + Arrays.toString(Verdict.values())
            + (value.equals(text) ? "" : " in " + JsonAnswers.quote(text)));
  }
}
