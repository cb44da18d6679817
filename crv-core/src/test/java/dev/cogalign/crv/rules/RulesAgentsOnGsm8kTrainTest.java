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
import dev.cogalign.crv.cot.Cot;
import dev.cogalign.crv.cot.CotParser;
import dev.cogalign.crv.cot.CotRenderer;
import dev.cogalign.crv.testdata.SharedData;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules agents over the first 200 GSM8K train problems, default student profile. */
class RulesAgentsOnGsm8kTrainTest {
  static final int PROBLEMS = 200;
  static List<Map<String, Object>> rows;
  final RuleCritic critic = new RuleCritic();
  final RuleRethinker rethinker = new RuleRethinker();
  final RuleVerifier verifier = new RuleVerifier();

  @BeforeAll
  static void load() {
    rows = SharedData.jsonl("gsm8k/train.jsonl", PROBLEMS);
  }

  static String gold(Map<String, Object> row) {
    return CotParser.parse((String) row.get("answer")).finalAnswer();
  }

  static boolean annotationsHold(String cot) {
    return CotParser.parse(cot).annotations().stream().allMatch(a -> a.check().holds());
  }

  @Test
  void criticGivesAVerdictForEveryProblemWithTheStepsNamed() {
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    for (Map<String, Object> row : rows) {
      CritiqueResponse r =
          critic.critique(
              new CritiqueRequest((String) row.get("question"), (String) row.get("answer"), null));
      assertThat(r.verdict()).isNotNull();
      assertThat(r.reasons()).isNotEmpty();
      assertThat(r.call().backend()).isEqualTo("rules");
      counts.merge(r.verdict(), 1, Integer::sum);
    }
    System.out.println("verdicts over " + PROBLEMS + " GSM8K train problems: " + counts);
    assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(PROBLEMS);
  }

  @Test
  void rewritesParseKeepTheAnswerHoldEveryAnnotationAndVerify() {
    Map<String, Integer> outcome = new java.util.TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      String question = (String) row.get("question");
      String cot = (String) row.get("answer");
      String gold = gold(row);
      Verdict verdict = critic.critique(new CritiqueRequest(question, cot, null)).verdict();
      if (verdict == Verdict.MEDIUM) {
        outcome.merge("medium", 1, Integer::sum);
        continue;
      }
      RethinkResponse rewrite;
      try {
        rewrite = rethinker.rethink(new RethinkRequest(question, cot, verdict, null));
      } catch (AgentException e) {
        outcome.merge(verdict + " nothing to do", 1, Integer::sum);
        failures.add(verdict + ": " + e.getMessage() + "\n" + cot);
        continue;
      }
      Cot parsed = CotParser.parse(rewrite.cot());
      assertThat(CotRenderer.render(parsed)).isEqualTo(rewrite.cot());
      assertThat(AnswerEquivalence.equivalent(parsed.finalAnswer(), gold))
          .as(rewrite.cot())
          .isTrue();
      if (annotationsHold(cot)) {
        assertThat(annotationsHold(rewrite.cot())).as(rewrite.cot()).isTrue();
        VerificationResponse v =
            verifier.verify(new VerificationRequest(question, gold, rewrite.cot()));
        assertThat(v.correct()).as(rewrite.cot()).isTrue();
        Verdict after =
            critic.critique(new CritiqueRequest(question, rewrite.cot(), null)).verdict();
        outcome.merge(verdict + " -> " + after, 1, Integer::sum);
      } else {
        outcome.merge(verdict + " (gold has a wrong annotation)", 1, Integer::sum);
      }
    }
    System.out.println("rewrites over " + PROBLEMS + " problems: " + outcome);
    failures.stream().limit(5).forEach(System.out::println);
  }

  @Test
  void verifierAcceptsTeacherCotsAndRejectsEveryPerturbedOne() {
    int correct = 0;
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = rows.get(i);
      String question = (String) row.get("question");
      String cot = (String) row.get("answer");
      String gold = gold(row);
      VerificationResponse v = verifier.verify(new VerificationRequest(question, gold, cot));
      if (!v.correct()) {
        System.out.println(
            "teacher CoT judged incorrect: " + v.findings().stream().filter(f -> !f.ok()).toList());
        continue;
      }
      correct++;
      String perturbed = CotPerturber.perturb(cot, i);
      assertThat(perturbed).isEqualTo(CotPerturber.perturb(cot, i));
      VerificationResponse p = verifier.verify(new VerificationRequest(question, gold, perturbed));
      assertThat(p.correct()).as(perturbed).isFalse();
      assertThat(AnswerEquivalence.equivalent(p.extractedAnswer(), gold)).as(perturbed).isFalse();
    }
    System.out.println("teacher CoTs verified correct: " + correct + "/" + rows.size());
  }
}
