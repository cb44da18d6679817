package dev.cogalign.crv.curriculum;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A synthetic word problem with its gold answer and a terse teacher CoT in GSM8K form.
 *
 * @param question the word problem
 * @param teacherCot the CoT a large model would write: several operations packed into each
 *     calculator-annotated sentence, one sentence a line, the last line {@code #### answer}
 * @param answer the gold answer, an integer
 * @param steps the number of one-operation reasoning steps the problem takes
 */
public record CurriculumProblem(String question, String teacherCot, String answer, int steps) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public CurriculumProblem {
    if (question == null || question.isBlank()) {
      throw new IllegalArgumentException("question is blank");
    }
    if (teacherCot == null || !teacherCot.endsWith("#### " + answer)) {
      throw new IllegalArgumentException(
          "teacher CoT '" + teacherCot + "' does not end with '#### " + answer + "'");
    }
    if (steps < 1) {
      throw new IllegalArgumentException("steps " + steps + " is not positive");
    }
  }

  /** The problem as one GSM8K line: {@code {"question": ..., "answer": teacherCot}}. */
  public String toGsm8kJson() {
    Map<String, String> line = new LinkedHashMap<>();
    line.put("question", question);
    line.put("answer", teacherCot);
    return JSON.writeValueAsString(line);
  }
}
