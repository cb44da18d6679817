package dev.cogalign.crv.cot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.crv.answer.AnswerEquivalence;
import dev.cogalign.crv.answer.AnswerExtractor;
import dev.cogalign.crv.problem.ProblemForms;
import dev.cogalign.crv.problem.ProblemInput;
import dev.cogalign.crv.testdata.SharedData;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every row of GSM8K test.jsonl through the CoT format and the exact annotation check. */
class Gsm8kTestSetTest {
  static final int ROWS = 1319;
  static final int ANNOTATIONS = 4282;
  static List<Map<String, Object>> rows;

  @BeforeAll
  static void load() {
    rows = SharedData.jsonl("gsm8k/test.jsonl", Integer.MAX_VALUE);
  }

  @Test
  void readsEveryRow() {
    assertThat(rows).hasSize(ROWS);
  }

  @Test
  void everyGoldAnswerIsExtractedAndSurvivesARoundTrip() {
    for (Map<String, Object> row : rows) {
      String answer = (String) row.get("answer");
      String gold = answer.substring(answer.lastIndexOf("####") + 4).strip();
      Cot cot = CotParser.parse(answer);
      assertThat(cot.finalAnswer()).as(answer).isEqualTo(gold);
      assertThat(AnswerExtractor.extract(answer)).as(answer).contains(gold);
      String rendered = CotRenderer.render(cot);
      assertThat(CotParser.parse(rendered)).as(answer).isEqualTo(cot);
      assertThat(CotParser.parse(rendered).finalAnswer()).isEqualTo(gold);
      assertThat(AnswerEquivalence.equivalent(CotParser.parse(rendered).finalAnswer(), gold))
          .isTrue();
      assertThat(cot.steps()).isNotEmpty();
      ProblemInput input = ProblemForms.parse(row);
      assertThat(input.goldAnswer()).isEqualTo(gold);
      assertThat(AnswerExtractor.extract(input.cot())).as(input.cot()).isPresent();
    }
  }

  @Test
  void recomputesEveryAnnotationExactlyAndCountsTheWrongOnes() {
    Map<AnnotationCheck.Status, Integer> counts = new EnumMap<>(AnnotationCheck.Status.class);
    List<String> wrong = new ArrayList<>();
    int total = 0;
    for (Map<String, Object> row : rows) {
      for (Annotation a : CotParser.parse((String) row.get("answer")).annotations()) {
        total++;
        AnnotationCheck c = a.check();
        counts.merge(c.status(), 1, Integer::sum);
        if (!c.holds()) {
          wrong.add(c.message());
        }
      }
    }
    // Measured: all 4,282 calculator annotations of GSM8K test hold exactly (none rounded, none
    // wrong). GSM8K's known slips are in the prose around the annotations, not in them.
    assertThat(total).isEqualTo(ANNOTATIONS);
    assertThat(wrong).isEmpty();
    assertThat(counts).containsOnlyKeys(AnnotationCheck.Status.EXACT);
  }
}
