package dev.cogalign.crv.curriculum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.crv.agent.CritiqueRequest;
import dev.cogalign.crv.agent.RethinkRequest;
import dev.cogalign.crv.agent.RethinkResponse;
import dev.cogalign.crv.agent.StudentProfile;
import dev.cogalign.crv.agent.Verdict;
import dev.cogalign.crv.agent.VerificationRequest;
import dev.cogalign.crv.answer.AnswerExtractor;
import dev.cogalign.crv.cot.CotParser;
import dev.cogalign.crv.rules.RuleCritic;
import dev.cogalign.crv.rules.RuleRethinker;
import dev.cogalign.crv.rules.RuleVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CurriculumTest {
  static final Pattern NUMBER = Pattern.compile("\\d+");

  final RuleCritic critic = new RuleCritic();
  final RuleRethinker rethinker = new RuleRethinker();
  final RuleVerifier verifier = new RuleVerifier();

  @Test
  void sameSeedGivesTheSameSplit() {
    assertThat(Curriculum.split(7, 300, 50)).isEqualTo(Curriculum.split(7, 300, 50));
  }

  @Test
  void differentSeedsGiveDifferentProblems() {
    List<String> a = questions(Curriculum.split(1, 200, 20).train());
    List<String> b = questions(Curriculum.split(2, 200, 20).train());
    Set<String> shared = new HashSet<>(a);
    shared.retainAll(b);
    assertThat(shared.size()).isLessThan(20);
  }

  @Test
  void heldOutIsGeneratedFirstAndDoesNotDependOnTheTrainingSize() {
    assertThat(Curriculum.split(3, 10, 40).heldOut())
        .isEqualTo(Curriculum.split(3, 500, 40).heldOut());
  }

  @Test
  void questionsAreUniqueWithinAndDisjointBetweenTrainAndHeldOut() {
    CurriculumSplit split = Curriculum.split(11, 5_000, 400);
    assertThat(split.train()).hasSize(5_000);
    assertThat(split.heldOut()).hasSize(400);
    Set<String> train = new HashSet<>(questions(split.train()));
    Set<String> held = new HashSet<>(questions(split.heldOut()));
    assertThat(train).hasSize(5_000);
    assertThat(held).hasSize(400);
    assertThat(train).doesNotContainAnyElementsOf(held);
  }

  @Test
  void everyValueIsASmallNonNegativeIntegerAndTheGoldAnswerIsTheTeachersResult() {
    for (CurriculumProblem p : Curriculum.split(5, 2_000, 0).train()) {
      assertThat(p.steps()).isBetween(2, 4);
      assertThat(AnswerExtractor.extract(p.teacherCot())).contains(p.answer());
      assertThat(p.teacherCot()).endsWith("\n#### " + p.answer());
      assertThat(numbers(p.question() + "\n" + p.teacherCot()))
          .allSatisfy(n -> assertThat(n).isBetween(0, Curriculum.DEFAULT_MAX_VALUE));
      assertThat(verify(p, p.teacherCot())).as(p.teacherCot()).isTrue();
    }
  }

  @Test
  void teacherCotIsEasyAndItsVerifiedExtensionFitsTheDefaultStudent() {
    for (CurriculumProblem p : Curriculum.split(9, 2_000, 0).train()) {
      assertThat(verdict(p, p.teacherCot())).as(p.teacherCot()).isEqualTo(Verdict.EASY);
      RethinkResponse extended =
          rethinker.rethink(new RethinkRequest(p.question(), p.teacherCot(), Verdict.EASY, null));
      assertThat(verify(p, extended.cot())).as(extended.cot()).isTrue();
      assertThat(verdict(p, extended.cot())).as(extended.cot()).isEqualTo(Verdict.MEDIUM);
      assertThat(CotParser.parse(extended.cot()).steps()).hasSize(p.steps());
    }
  }

  @Test
  void aSmallerMaximumKeepsEveryValueBelowItAndTheAgentsStillFitTheExtension() {
    for (CurriculumProblem p : Curriculum.split(3, 1_000, 0, 30).train()) {
      assertThat(numbers(p.question() + "\n" + p.teacherCot()))
          .allSatisfy(n -> assertThat(n).isBetween(0, 30));
      assertThat(p.steps()).isBetween(2, 4);
      assertThat(verdict(p, p.teacherCot())).as(p.teacherCot()).isEqualTo(Verdict.EASY);
      RethinkResponse extended =
          rethinker.rethink(new RethinkRequest(p.question(), p.teacherCot(), Verdict.EASY, null));
      assertThat(verify(p, extended.cot())).as(extended.cot()).isTrue();
      assertThat(verdict(p, extended.cot())).as(extended.cot()).isEqualTo(Verdict.MEDIUM);
    }
    assertThatThrownBy(() -> Curriculum.split(1, 1, 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max value 10");
  }

  @Test
  void teacherCotPacksSeveralOperationsIntoOneAnnotatedSentence() {
    CurriculumProblem p = Curriculum.split(1, 1, 0).train().get(0);
    List<String> lines = p.teacherCot().lines().toList();
    assertThat(lines.get(lines.size() - 1)).isEqualTo("#### " + p.answer());
    assertThat(lines.subList(0, lines.size() - 1))
        .allSatisfy(
            line -> assertThat(line).matches(".* has [-+*/()0-9]+ = <<.+=\\d+>>\\d+ .+\\."));
  }

  @Test
  void gsm8kJsonCarriesTheQuestionAndTheTeacherCotAsAnswer() {
    CurriculumProblem p =
        new CurriculumProblem(
            "Tom has 17 \"red\" apples. How many?",
            "He has 17+5 = <<17+5=22>>22.\n#### 22",
            "22",
            1);
    JsonNode json = JsonMapper.builder().build().readTree(p.toGsm8kJson());
    assertThat(json.get("question").asString()).isEqualTo(p.question());
    assertThat(json.get("answer").asString()).isEqualTo(p.teacherCot());
    assertThat(p.toGsm8kJson()).doesNotContain("\n");
  }

  @Test
  void writesOneGsm8kLinePerProblem(@TempDir Path dir) throws Exception {
    List<CurriculumProblem> problems = Curriculum.split(4, 30, 0).train();
    Path file = dir.resolve("train.jsonl");
    Curriculum.writeJsonl(problems, file);
    assertThat(Files.readAllLines(file))
        .containsExactlyElementsOf(problems.stream().map(CurriculumProblem::toGsm8kJson).toList());
  }

  @Test
  void generatesAFullExperimentSplitQuickly() {
    long started = System.nanoTime();
    CurriculumSplit split = Curriculum.split(42, 30_000, 400);
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertThat(split.train()).hasSize(30_000);
    assertThat(millis).isLessThan(5_000);
  }

  private Verdict verdict(CurriculumProblem p, String cot) {
    return critic
        .critique(new CritiqueRequest(p.question(), cot, StudentProfile.DEFAULT))
        .verdict();
  }

  private boolean verify(CurriculumProblem p, String cot) {
    return verifier.verify(new VerificationRequest(p.question(), p.answer(), cot)).correct();
  }

  private static List<String> questions(List<CurriculumProblem> problems) {
    return problems.stream().map(CurriculumProblem::question).toList();
  }

  private static List<Integer> numbers(String text) {
    List<Integer> out = new ArrayList<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      out.add(Integer.parseInt(m.group()));
    }
    return out;
  }
}
