package dev.cogalign.crv.arith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArithmeticExpressionTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "48/2; 24; 1",
        "(3+4)*2; 14; 2",
        "5*12.5; 62.5; 1",
        "2**3; 8; 1",
        "2^3; 8; 1",
        "16-3-4; 9; 2",
        "100-50-30-15; 5; 3",
        "+30+46+38+11+18; 143; 4",
        "80/100*10; 8; 2",
        "-5+3; -2; 1",
        "2*-3; -6; 1",
        "-2**2; -4; 1",
        "2**3**2; 512; 2",
        "18*.5; 9; 1",
        "1,000*3; 3000; 1",
        "2(3+4); 14; 2",
        "100*20%; 20; 1",
        "10/4; 5/2; 1",
        "2**-1; 1/2; 1",
        "560//10; 56; 1",
        "7//2; 3; 1",
        "-7//2; -4; 1"
      })
  void evaluatesExactlyAndCountsOperations(String source, String value, int operations) {
    ArithmeticExpression e = ArithmeticExpression.parse(source);
    assertThat(e.evaluate()).isEqualTo(Rational.parse(value));
    assertThat(e.operationCount()).isEqualTo(operations);
  }

  @Test
  void measuresTheLargestOperand() {
    assertThat(ArithmeticExpression.parse("80000*1.5").maxOperandDigits()).isEqualTo(5);
    assertThat(ArithmeticExpression.parse("0.25*4").maxOperandDigits()).isEqualTo(2);
    assertThat(ArithmeticExpression.parse("1,000+7").maxOperandDigits()).isEqualTo(4);
  }

  @Test
  void rendersTreesBackToEquivalentCompactForm() {
    for (String s :
        new String[] {
          "(3+4)*2", "48/2+3*4", "10-(4-1)", "2**3**2", "(2**3)**2", "-(3+4)", "12/(2*3)"
        }) {
      ArithmeticExpression e = ArithmeticExpression.parse(s);
      ArithmeticExpression again = ArithmeticExpression.parse(e.root().render());
      assertThat(again.evaluate()).as(s).isEqualTo(e.evaluate());
      assertThat(again.operationCount()).as(s).isEqualTo(e.operationCount());
    }
    assertThat(ArithmeticExpression.parse("(3+4)*2").root().render()).isEqualTo("(3+4)*2");
    assertThat(ArithmeticExpression.parse("10-(4-1)").root().render()).isEqualTo("10-(4-1)");
  }

  @Test
  void rejectsMalformedExpressionsNamingThePosition() {
    assertThatThrownBy(() -> ArithmeticExpression.parse("3+"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("position 2");
    assertThatThrownBy(() -> ArithmeticExpression.parse("(3+4")).hasMessageContaining("')'");
    assertThatThrownBy(() -> ArithmeticExpression.parse("3 x 4"))
        .isInstanceOf(ExpressionException.class);
    assertThatThrownBy(() -> ArithmeticExpression.parse(""))
        .isInstanceOf(ExpressionException.class);
    assertThatThrownBy(() -> ArithmeticExpression.parse("1/0").evaluate())
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> ArithmeticExpression.parse("2**0.5").evaluate())
        .isInstanceOf(ArithmeticException.class);
  }
}
