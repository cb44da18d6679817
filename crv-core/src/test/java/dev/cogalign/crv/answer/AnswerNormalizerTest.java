package dev.cogalign.crv.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerNormalizerTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1,234 | 1234",
        "$18.00 | 18",
        "\\$32,\\!348 | 32348",
        "11,\\! 111,\\! 111,\\! 100 | 11111111100",
        "50% | 50",
        "50\\% | 50",
        "18 dollars | 18",
        "5.4 \\text{ cents} | 5.4",
        "15\\mbox{ cm}^2 | 15",
        "864 \\mbox{ inches}^2 | 864",
        "12 cm | 12",
        "42. | 42",
        ".0000672 | 0.0000672",
        "-0.50 | -0.5",
        "3/4 | 0.75",
        "\\dfrac{17}{50} | \\frac{17}{50}",
        "\\tfrac12 | \\frac{1}{2}",
        "\\frac43 | \\frac{4}{3}",
        "\\frac9{19} | \\frac{9}{19}",
        "\\frac{270}7\\text{ degrees} | \\frac{270}{7}",
        "90^\\circ | 90",
        "75^{\\circ} | 75",
        "\\text{Evelyn} | Evelyn",
        "\\text{(C)} | (C)",
        "\\left( 3, \\frac{\\pi}{2} \\right) | (3,\\frac{\\pi}{2})",
        "$\\boxed{6 - 5i}$ | 6-5i",
        "\\sqrt2 | \\sqrt{2}",
        "2k | 2k",
        "1,-2 | 1,-2",
        "x \\in [-2,7] | x \\in[-2,7]"
      })
  void writesAnswersInOneCanonicalForm(String answer, String expected) {
    assertThat(AnswerNormalizer.normalize(answer)).isEqualTo(expected);
  }
}
