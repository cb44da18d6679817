package dev.cogalign.crv.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswerExtractorTest {

  @Test
  void prefersTheLastBoxOverEverythingElse() {
    assertThat(
            AnswerExtractor.extract("Maybe \\boxed{3}. No: \\boxed{\\frac{1}{2}}. The answer is 7"))
        .contains("\\frac{1}{2}");
  }

  @Test
  void readsTheGsm8kMarker() {
    assertThat(AnswerExtractor.extract("She has 3+4=<<3+4=7>>7.\n#### 7")).contains("7");
  }

  @Test
  void readsStatedAnswersUpToTheEndOfTheSentence() {
    assertThat(AnswerExtractor.extract("So the final answer is $18.50. Done.")).contains("$18.50");
    assertThat(AnswerExtractor.extract("Thus the answer is 1,250 dollars."))
        .contains("1,250 dollars");
    assertThat(AnswerExtractor.extract("Work...\nAnswer: 42")).contains("42");
    assertThat(AnswerExtractor.extract("**Final Answer:** 3.5")).contains("3.5");
    assertThat(AnswerExtractor.extract("The answer is $\\frac{3}{4}$.")).contains("\\frac{3}{4}");
  }

  @Test
  void fallsBackToTheLastAnnotationThenTheLastNumber() {
    assertThat(AnswerExtractor.extract("He sold 200,000-130,000=$<<200000-130000=70000>>70,000"))
        .contains("70000");
    assertThat(AnswerExtractor.extract("There are 3 cats and 12 dogs, so 15 pets in all."))
        .contains("15");
    assertThat(AnswerExtractor.extract("It costs -4.5 or so")).contains("-4.5");
    assertThat(AnswerExtractor.extract("no numbers here")).isEmpty();
    assertThat(AnswerExtractor.extract("  ")).isEmpty();
  }

  @Test
  void looksAfterTheThinkBlockFirstThenInsideIt() {
    assertThat(
            AnswerExtractor.extract(
                "<think>it is 5? \\boxed{5}</think>\nAfter checking, \\boxed{6}"))
        .contains("6");
    assertThat(AnswerExtractor.extract("<think>so the answer is 9</think>\n")).contains("9");
    assertThat(AnswerExtractor.extract("<think>I get \\boxed{4}. Format: \\boxed{ANSWER}"))
        .contains("4");
  }
}
