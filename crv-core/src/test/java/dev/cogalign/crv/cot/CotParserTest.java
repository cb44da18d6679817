package dev.cogalign.crv.cot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.crv.testdata.SharedData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CotParserTest {

  @Test
  void readsGsm8kStepsAnnotationsAndTheFinalAnswer() {
    Cot cot =
        CotParser.parse(
            "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\n"
                + "Natalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n"
                + "#### 72");
    assertThat(cot.steps()).hasSize(2);
    assertThat(cot.finalAnswer()).isEqualTo("72");
    assertThat(cot.think()).isNull();
    assertThat(cot.steps().get(0).annotations()).containsExactly(new Annotation("48/2", "24"));
    assertThat(cot.steps().get(0).plainText()).isEqualTo("Natalia sold 48/2 = 24 clips in May.");
    assertThat(cot.annotations()).extracting(Annotation::value).containsExactly("24", "72");
  }

  @Test
  void readsAThinkBlockEvenWithoutItsOpeningTag() {
    Cot full =
        CotParser.parse("<think>\nLet me add.\n2+2 is 4.\n</think>\nSo it is 4.\n\\boxed{4}");
    assertThat(full.think()).isEqualTo("Let me add.\n2+2 is 4.");
    assertThat(full.steps()).extracting(CotStep::text).containsExactly("So it is 4.", "\\boxed{4}");
    assertThat(full.finalAnswer()).isEqualTo("4");

    Cot served = CotParser.parse("Let me add.\n</think>\n\nThe answer is \\boxed{\\frac{1}{2}}.");
    assertThat(served.think()).isEqualTo("Let me add.");
    assertThat(served.finalAnswer()).isEqualTo("\\frac{1}{2}");
  }

  @Test
  void keepsAnUnfinishedThinkBlockAsThinking() {
    Cot cot = CotParser.parse("<think>\nStill thinking about 3*4");
    assertThat(cot.think()).isEqualTo("Still thinking about 3*4");
    assertThat(cot.steps()).isEmpty();
    assertThat(cot.finalAnswer()).isNull();
  }

  @Test
  void splitsFreeTextIntoStepsByLinesAndPrefersTheGsm8kAnswerToABox() {
    Cot cot = CotParser.parse("First line.\n\n  Second line, \\boxed{7}.  \n#### 8\n");
    assertThat(cot.steps())
        .extracting(CotStep::text)
        .containsExactly("First line.", "Second line, \\boxed{7}.");
    assertThat(cot.finalAnswer()).isEqualTo("8");
  }

  @Test
  void rendersOneStepPerLineThenTheAnswerAndParsesBackToTheSameCot() {
    Cot cot =
        new Cot(
            List.of(CotStep.of("He has 3*4=<<3*4=12>>12 apples."), CotStep.of("He eats 2.")),
            "10",
            "Apples first.");
    String text = CotRenderer.render(cot);
    assertThat(text)
        .isEqualTo(
            "<think>\nApples first.\n</think>\nHe has 3*4=<<3*4=12>>12 apples.\nHe eats 2.\n#### 10");
    assertThat(CotParser.parse(text)).isEqualTo(cot);
    assertThat(CotRenderer.renderSteps(cot))
        .isEqualTo("He has 3*4=<<3*4=12>>12 apples.\nHe eats 2.");
    Cot noAnswer = Cot.of(List.of("Only a step."), null);
    assertThat(CotRenderer.render(noAnswer)).isEqualTo("Only a step.");
    assertThat(CotParser.parse(CotRenderer.render(noAnswer))).isEqualTo(noAnswer);
  }

  @Test
  void takesTheAnswerOfABoxedStepWhenNoneIsGiven() {
    Cot cot = Cot.of(List.of("So x = \\boxed{ 3 \\\\ 4 }"), null);
    assertThat(cot.finalAnswer()).isEqualTo("3 \\\\ 4");
    assertThat(CotParser.parse(CotRenderer.render(cot))).isEqualTo(cot);
  }

  @Test
  void rejectsStepsThatWouldNotSurviveARoundTrip() {
    assertThatThrownBy(() -> CotStep.of("two\nlines")).hasMessageContaining("one line");
    assertThatThrownBy(() -> CotStep.of("   ")).hasMessageContaining("blank");
    assertThatThrownBy(() -> CotStep.of("#### 5")).hasMessageContaining("marker");
    assertThatThrownBy(() -> new CotStep("a <<1+1=2>>2", List.of()))
        .hasMessageContaining("do not match");
    assertThatThrownBy(() -> new Cot(List.of(), "1", "x </think> y"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsTheFinalAnswerAndTheStepTextsAloneAsTheWholeParseReadsThem() {
    for (String text :
        List.of(
            "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\n#### 72",
            "  #### 1\nstep\n#### 2  \n",
            "<think>\n#### 9\n</think>\nSo it is 4.\n#### 4",
            "#### 3\n<think>unfinished #### 5",
            "free text, \\boxed{4}",
            "a \\boxed{1}\nb \\boxed{ 2  x }\n\n",
            "\\boxed{3}\n####  ",
            "<think>\\boxed{7}</think>\nno box here",
            "")) {
      assertThat(CotParser.finalAnswer(text))
          .as(text)
          .isEqualTo(CotParser.parse(text).finalAnswer());
      assertThat(CotParser.stepTexts(text))
          .as(text)
          .isEqualTo(CotParser.parse(text).steps().stream().map(CotStep::text).toList());
    }
    assertThat(CotParser.stepTexts("a <<1+1=2>>2\n\n  b  c  \n#### 2"))
        .containsExactly("a <<1+1=2>>2", "b  c");
  }

  @Test
  void refusesALineOfNothingButThinkTagsAsABlankStep() {
    String text = "<think>x</think>\nstep\n</think>\n#### 1";
    assertThatThrownBy(() -> CotParser.parse(text)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CotParser.stepTexts(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsEveryGsm8kTrainSolutionsStepsAndAnswerAloneAsTheWholeParseReadsThem() {
    List<Map<String, Object>> rows = SharedData.jsonl("gsm8k/train.jsonl", 10_000);
    assertThat(rows).hasSize(7_473);
    for (Map<String, Object> row : rows) {
      String solution = (String) row.get("answer");
      Cot cot = CotParser.parse(solution);
      assertThat(CotParser.stepTexts(solution))
          .isEqualTo(cot.steps().stream().map(CotStep::text).toList());
      assertThat(CotParser.finalAnswer(solution)).isEqualTo(cot.finalAnswer()).isNotNull();
    }
  }
}
