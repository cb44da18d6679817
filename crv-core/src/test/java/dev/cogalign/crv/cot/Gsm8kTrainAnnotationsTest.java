package dev.cogalign.crv.cot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.crv.testdata.SharedData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every calculator annotation of GSM8K train, recomputed exactly (two use Python's {@code //}). */
class Gsm8kTrainAnnotationsTest {

  @Test
  void everyTrainAnnotationHoldsExactlyAndNoLineHasTwo() {
    List<Map<String, Object>> rows = SharedData.jsonl("gsm8k/train.jsonl", Integer.MAX_VALUE);
    int annotations = 0;
    int wrong = 0;
    int linesWithSeveral = 0;
    for (Map<String, Object> row : rows) {
      Cot cot = CotParser.parse((String) row.get("answer"));
      for (CotStep step : cot.steps()) {
        linesWithSeveral += step.annotations().size() > 1 ? 1 : 0;
        for (Annotation a : step.annotations()) {
          annotations++;
          wrong += a.check().status() == AnnotationCheck.Status.EXACT ? 0 : 1;
        }
      }
    }
    assertThat(rows).hasSize(7473);
    assertThat(annotations).isEqualTo(23_716);
    assertThat(wrong).isZero();
    assertThat(linesWithSeveral).isZero();
  }
}
