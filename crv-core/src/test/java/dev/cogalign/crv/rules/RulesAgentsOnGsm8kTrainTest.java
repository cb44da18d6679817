package dev.cogalign.crv.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.crv.agent.AgentException;
import dev.cogalign.crv.agent.CritiqueRequest;
import dev.cogalign.crv.agent.CritiqueResponse;
import dev.cogalign.crv.agent.RethinkRequest;
import dev.cogalign.crv.agent.RethinkResponse;
import dev.cogalign.crv.agent.Verdict;
import dev.cogalign.crv.agent.VerificationRequest;
import dev.cogalign.crv.agent.VerificationResponse;
import dev.cogalign.crv.answer.AnswerEquivalence;
import dev.cogalign.crv.answer.AnswerExtractor;
import dev.cogalign.crv.cot.Cot;
import dev.cogalign.crv.cot.CotParser;
import dev.cogalign.crv.cot.CotRenderer;
import dev.cogalign.crv.problem.ProblemForms;
import dev.cogalign.crv.problem.ProblemInput;
import dev.cogalign.crv.testdata.SharedData;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules agents over the first 200 GSM8K train problems with the default student profile, in
 * both forms a CoT arrives in: the GSM8K answer field as it is (steps and {@code #### answer}), and
 * the form the pipeline stores ({@link ProblemForms}: steps only, the answer kept apart).
 */
class RulesAgentsOnGsm8kTrainTest {
  static final int PROBLEMS = 200;

  /** Measured verdicts with {@code StudentProfile.DEFAULT} (1 operation per step, 2-8 steps). */
  static final Map<Verdict, Integer> VERDICTS = Map.of(Verdict.EASY, 77, Verdict.MEDIUM, 123);

  /** Measured: the critic's verdict on the 77 extended CoTs (6 end up longer than 8 steps). */
  static final Map<Verdict, Integer> AFTER_EXTENDING = Map.of(Verdict.MEDIUM, 71, Verdict.HARD, 6);

  static List<ProblemInput> problems;
  final RuleCritic critic = new RuleCritic();
  final RuleRethinker rethinker = new RuleRethinker();
  final RuleVerifier verifier = new RuleVerifier();

  @BeforeAll
  static void load() {
    problems =
        SharedData.jsonl("gsm8k/train.jsonl", PROBLEMS).stream().map(ProblemForms::parse).toList();
  }

  static String cot(ProblemInput p, boolean withMarker) {
    return withMarker ? p.cot() + "\n#### " + p.goldAnswer() : p.cot();
  }

  static boolean annotationsHold(String cot) {
    return CotParser.parse(cot).annotations().stream().allMatch(a -> a.check().holds());
  }

  @ParameterizedTest(name = "with #### marker: {0}")
  @ValueSource(booleans = {true, false})
  void criticGivesAVerdictForEveryProblemWithTheStepsNamed(boolean withMarker) {
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    for (ProblemInput p : problems) {
      CritiqueResponse r =
          critic.critique(new CritiqueRequest(p.question(), cot(p, withMarker), null));
      assertThat(r.reasons()).hasSize(CotParser.parse(cot(p, withMarker)).steps().size() + 1);
      assertThat(r.reasons().get(0).step()).isZero();
      assertThat(r.reasons().subList(1, r.reasons().size()))
          .allSatisfy(f -> assertThat(f.message()).startsWith("step " + f.step() + ": "));
      counts.merge(r.verdict(), 1, Integer::sum);
    }
    System.out.println("verdicts over " + PROBLEMS + " GSM8K train problems: " + counts);
    assertThat(counts).isEqualTo(VERDICTS);
  }

  @ParameterizedTest(name = "with #### marker: {0}")
  @ValueSource(booleans = {true, false})
  void everyRewriteParsesKeepsTheAnswerHoldsEveryAnnotationAndVerifies(boolean withMarker) {
    Map<Verdict, Integer> after = new EnumMap<>(Verdict.class);
    List<String> refused = new ArrayList<>();
    for (ProblemInput p : problems) {
      String cot = cot(p, withMarker);
      assertThat(annotationsHold(cot)).isTrue();
      Verdict verdict = critic.critique(new CritiqueRequest(p.question(), cot, null)).verdict();
      if (verdict == Verdict.MEDIUM) {
        continue;
      }
      RethinkResponse rewrite;
      try {
        rewrite = rethinker.rethink(new RethinkRequest(p.question(), cot, verdict, null));
      } catch (AgentException e) {
        refused.add(e.getMessage());
        continue;
      }
      Cot parsed = CotParser.parse(rewrite.cot());
      assertThat(CotRenderer.render(parsed)).isEqualTo(rewrite.cot());
      assertThat(parsed.finalAnswer() != null).isEqualTo(withMarker);
      assertThat(AnswerExtractor.extract(rewrite.cot()))
          .hasValueSatisfying(
              a ->
                  assertThat(AnswerEquivalence.equivalent(a, p.goldAnswer()))
                      .as(cot + "\n=>\n" + rewrite.cot())
                      .isTrue());
      assertThat(annotationsHold(rewrite.cot())).as(rewrite.cot()).isTrue();
      VerificationResponse v =
          verifier.verify(new VerificationRequest(p.question(), p.goldAnswer(), rewrite.cot()));
      assertThat(v.correct()).as(rewrite.cot()).isTrue();
      after.merge(
          critic.critique(new CritiqueRequest(p.question(), rewrite.cot(), null)).verdict(),
          1,
          Integer::sum);
    }
    System.out.println("critic after rewriting: " + after + ", refused: " + refused.size());
    assertThat(refused).isEmpty();
    assertThat(after).isEqualTo(AFTER_EXTENDING);
  }

  @ParameterizedTest(name = "with #### marker: {0}")
  @ValueSource(booleans = {true, false})
  void verifierAcceptsEveryTeacherCotAndRejectsEveryPerturbedOne(boolean withMarker) {
    List<String> teacherIncorrect = new ArrayList<>();
    int perturbedCount = 0;
    for (int i = 0; i < problems.size(); i++) {
      ProblemInput p = problems.get(i);
      String cot = cot(p, withMarker);
      VerificationResponse v =
          verifier.verify(new VerificationRequest(p.question(), p.goldAnswer(), cot));
      if (!v.correct()) {
        teacherIncorrect.add(v.extractedAnswer() + " vs gold " + p.goldAnswer());
        continue;
      }
      String perturbed = CotPerturber.perturb(cot, i);
      assertThat(CotPerturber.perturb(cot, i)).isEqualTo(perturbed);
      VerificationResponse bad =
          verifier.verify(new VerificationRequest(p.question(), p.goldAnswer(), perturbed));
      assertThat(bad.correct()).as(perturbed).isFalse();
      assertThat(AnswerEquivalence.equivalent(bad.extractedAnswer(), p.goldAnswer()))
          .as(perturbed)
          .isFalse();
      assertThat(bad.findings().stream().filter(f -> !f.ok() && f.step() > 0).count())
          .as("a broken annotation, or a corrupted last step without one: " + perturbed)
          .isLessThanOrEqualTo(1);
      perturbedCount++;
    }
    // Measured: with the #### marker every teacher CoT verifies. Without it, one (the canned-soup
    // problem) ends in dollars, "$0.25 more expensive per can", while its gold answer is 25
    // (cents): the verifier rightly cannot call 0.25 equal to 25.
    assertThat(teacherIncorrect).isEqualTo(withMarker ? List.of() : List.of("0.25 vs gold 25"));
    assertThat(perturbedCount).isEqualTo(PROBLEMS - teacherIncorrect.size());
  }
}
