package dev.cogalign.crv.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerEquivalenceTest {

  @ParameterizedTest(name = "{0} == {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "18 | 18.00",
        "1,000 | 1000",
        "0.5 | \\frac{1}{2}",
        "1/2 | \\dfrac12",
        "50% | 0.5",
        "50% | 50",
        "$1,234.50 | 1234.5",
        "-\\frac{3}{8} | -0.375",
        "\\frac{-3}{8} | -\\frac{3}{8}",
        "1\\frac{4}{5} | 1.8",
        "137 \\frac{1}{2} | 275/2",
        "2\\sqrt{2} | \\sqrt{8}",
        "\\frac{\\sqrt{3}}{3} | \\frac{1}{\\sqrt{3}}",
        "\\frac{\\pi}{2} | \\pi/2",
        "3\\pi | \\pi \\cdot 3",
        "(3,4] | \\left( 3, 4 \\right]",
        "(-\\infty, 0] | (-\\infty,0]",
        "(0,9) \\cup (9,36) | (0,9)\\cup(9,36)",
        "\\left( 3, \\frac{\\pi}{2} \\right) | (3, \\pi/2)",
        "1,-2 | -2, 1",
        "1 \\pm \\sqrt{19} | 1-\\sqrt{19}, 1+\\sqrt{19}",
        "\\{1\\pm\\sqrt{5},-2\\} | \\{-2, 1+\\sqrt5, 1-\\sqrt5\\}",
        "x=5 | 5",
        "y = 2x + 3 | y=3+2x",
        "(a+5)(b+2) | ab + 2a + 5b + 10",
        "x^2 - 1 | (x-1)(x+1)",
        "6r^2-4r-24 | 2(3r^2-2r-12)",
        "\\cot x | \\frac{\\cos x}{\\sin x}",
        "p - q | -q + p",
        "\\begin{pmatrix} -1/3 \\\\ 2/3 \\\\ 5/3 \\end{pmatrix} | \\begin{pmatrix} -\\frac13 \\\\ \\frac23 \\\\ \\frac53 \\end{pmatrix}",
        "52_8 | 52_{8}",
        "90^\\circ | 90",
        "\\text{Evelyn} | evelyn",
        "\\text{(C)} | C",
        "5.4 \\text{ cents} | 5.4",
        "10,\\!080 | 10080",
        "2^{10} | 1024",
        "\\sqrt[3]{27} | 3"
      })
  void treatsEquivalentFormsAsEqual(String a, String b) {
    assertThat(AnswerEquivalence.equivalent(a, b)).isTrue();
    assertThat(AnswerEquivalence.equivalent(b, a)).isTrue();
  }

  @ParameterizedTest(name = "{0} != {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "18 | 19",
        "11111111100 | 11111111101",
        "0.333 | \\frac{1}{3}",
        "(3,4] | (3,4)",
        "(1,2) | (2,1)",
        "[1,2] | (1,2)",
        "1,-2 | 1,2",
        "x^2-1 | (x-1)^2",
        "\\pi | 3.14159",
        "2\\sqrt{2} | \\sqrt{2}",
        "x=5 | 6",
        "\\text{east} | \\text{tase}",
        "\\text{(C)} | D",
        "1\\frac{4}{5} | \\frac{4}{5}",
        "3 | ",
        "p-q | q-p",
        "52_8 | 52"
      })
  void tellsDifferentAnswersApart(String a, String b) {
    assertThat(AnswerEquivalence.equivalent(a, b)).isFalse();
    assertThat(AnswerEquivalence.equivalent(b, a)).isFalse();
  }
}
