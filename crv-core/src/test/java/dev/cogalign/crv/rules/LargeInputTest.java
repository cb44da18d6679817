package dev.cogalign.crv.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.crv.agent.AgentException;
import dev.cogalign.crv.agent.AgentLimits;
import dev.cogalign.crv.agent.CritiqueRequest;
import dev.cogalign.crv.agent.RethinkRequest;
import dev.cogalign.crv.agent.Verdict;
import dev.cogalign.crv.agent.VerificationRequest;
import dev.cogalign.crv.answer.AnswerEquivalence;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Requests at the size limit are answered in bounded time (no quadratic regex scans). */
class LargeInputTest {
  static final String LONG_LINE =
      "1 + ".repeat((AgentLimits.MAX_COT_CHARS - 40) / 4) + "1 = <<1+2*3=7>>7";

  @Test
  void agentsAnswerAMaximumSizeCotQuickly() {
    long start = System.nanoTime();
    assertThat(new RuleCritic().critique(new CritiqueRequest("q", LONG_LINE, null)).verdict())
        .isEqualTo(Verdict.EASY);
    assertThat(new RuleVerifier().verify(new VerificationRequest("q", "7", LONG_LINE)).correct())
        .isTrue();
    assertThat(
            new RuleRethinker()
                .rethink(new RethinkRequest("q", LONG_LINE, Verdict.EASY, null))
                .cot())
        .contains("<<2*3=6>>");
    assertThat(CotPerturber.perturb(LONG_LINE, 3)).isNotEqualTo(LONG_LINE);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void refusesDeeplyNestedExpressionsInsteadOfOverflowingTheStack() {
    String nested = "(".repeat(5000) + "1" + ")".repeat(5000);
    assertThat(AnswerEquivalence.equivalent(nested, "1")).isFalse();
    String cot = "Deep <<" + nested + "*2=2>>2.\nThen <<2*2=4>>4.";
    assertThat(new RuleVerifier().verify(new VerificationRequest("q", "4", cot)).correct())
        .isFalse();
    assertThatThrownBy(
            () -> new RuleRethinker().rethink(new RethinkRequest("q", cot, Verdict.EASY, null)))
        .isInstanceOf(AgentException.class);
  }
}
