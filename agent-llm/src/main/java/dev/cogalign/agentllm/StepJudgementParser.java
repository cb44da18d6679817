package dev.cogalign.agentllm;

import dev.cogalign.crv.agent.StepFinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The verifier's step judgement {@code {"steps": [{"step", "ok", "message"}]}}. */
final class StepJudgementParser {
  private StepJudgementParser() {}

  static List<StepFinding> parse(String text) {
    JsonNode json = JsonAnswers.object(text);
    JsonNode steps = json.path("steps");
    if (!steps.isArray() || steps.isEmpty()) {
      throw new MalformedAnswerException(
          "the JSON object has no non-empty array \"steps\": " + JsonAnswers.quote(text));
    }
    List<StepFinding> findings = new ArrayList<>();
    for (JsonNode step : steps) {
      JsonNode ok = step.path("ok");
      if (!ok.isBoolean()) {
        throw new MalformedAnswerException(
            "step "
                + JsonAnswers.step(step)
                + " has no boolean \"ok\": "
                + JsonAnswers.quote(text));
      }
      String message = step.path("message").asString("").strip();
      findings.add(
          new StepFinding(
              JsonAnswers.step(step),
              ok.asBoolean(),
              message.isEmpty() ? (ok.asBoolean() ? "holds" : "does not hold") : message));
    }
    findings.sort(Comparator.comparingInt(StepFinding::step));
    return findings;
  }
}
