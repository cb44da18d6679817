package dev.cogalign.launcher.experiment;

import dev.cogalign.cogpo.model.ScratchStudent;
import dev.cogalign.crv.curriculum.Curriculum;
import dev.cogalign.crv.curriculum.CurriculumProblem;
import dev.cogalign.launcher.demo.DemoException;
import dev.cogalign.launcher.demo.GatewayClient;
import dev.cogalign.launcher.demo.ScenarioConsole;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code cogalign experiment --compare-critics}: the profile (rules) critic against the student
 * critic on the same problems. One seed's curriculum is uploaded; a CRV run critiques it with the
 * rules critic and the default profile; a copy of the scratch student is trained briefly (SFT on
 * the teacher CoTs, annotations kept as the critic scores them) and a second CRV run critiques the
 * same problems with the {@code student} critic on that model; one experiment trains {@code
 * sft_crv} from the same scratch student on each run's verified CoTs at the same budget (two
 * replicates, run side by side) and evaluates both on the held-out problems. Returns the
 * comparison: accuracy with intervals, the paired difference, and how the two critics' verdicts on
 * the teacher CoTs agree, with the problems where they differ.
 */
final class CriticComparison {
  private static final int RESAMPLES = 2_000;
  private static final long BOOTSTRAP_SEED = 20_261_203L;
  private static final int DIFFERING_SHOWN = 12;

  private final GatewayClient gateway;
  private final ExperimentPlan plan;
  private final ExperimentScenario scenario;
  private final ScenarioConsole console;
  private final int studentSteps;
  private final Clock clock;

  CriticComparison(
      GatewayClient gateway,
      ExperimentPlan plan,
      ExperimentScenario scenario,
      int studentSteps,
      Clock clock) {
    this.gateway = gateway;
    this.plan = plan;
    this.scenario = scenario;
    this.console = scenario.console();
    this.studentSteps = studentSteps;
    this.clock = clock;
  }

  ObjectNode run() {
    ScenarioConsole.createDirectories(plan.out());
    long seed = plan.seed();
    console.section("1. Data: the synthetic curriculum of seed " + seed);
    List<CurriculumProblem> heldOut =
        Curriculum.split(seed, 0, plan.heldOut(), plan.maxValue()).heldOut();
    Set<String> heldOutQuestions = new HashSet<>();
    heldOut.forEach(p -> heldOutQuestions.add(p.question()));
    Path heldOutFile = plan.out().resolve("heldout.jsonl").toAbsolutePath();
    Curriculum.writeJsonl(heldOut, heldOutFile);
    long heldOutDataset = scenario.dataset("critics-heldout-seed-" + seed, heldOutFile);
    List<CurriculumProblem> train =
        scenario.trainingProblems(
            seed, heldOutQuestions, plan.trainProblems() / 10 + 100 + heldOut.size());
    Path trainFile = plan.out().resolve("train.jsonl").toAbsolutePath();
    Curriculum.writeJsonl(train, trainFile);
    long dataset = scenario.dataset("critics-train-seed-" + seed, trainFile);
    Path studentDir =
        ScratchStudent.create(plan.out().resolve("student"), ScratchStudent.Shape.DEFAULT, seed);
    long base =
        gateway
            .postJson(
                "/api/v1/models",
                Map.of("path", studentDir.toAbsolutePath().toString(), "name", "critics-" + seed),
                201)
            .get("id")
            .asLong();
    console.say(
        "%d training problems (dataset %d), %d held out (dataset %d), scratch student model %d",
        train.size(), dataset, heldOut.size(), heldOutDataset, base);

    console.section("2. CRV with the profile critic (rules, default StudentProfile)");
    Instant started = clock.instant();
    long rulesRun =
        gateway.postJson("/api/v1/runs", Map.of("datasetId", dataset), 201).get("id").asLong();
    console.section(
        "3. The student for the critic: SFT " + studentSteps + " steps on the teacher CoTs");
    long studentJob =
        gateway.postJson("/api/v1/jobs", studentJob(base, dataset), 201).get("id").asLong();
    scenario.awaitRun(rulesRun);
    double rulesRunSeconds = seconds(started);
    long studentModel = awaitModel(studentJob);
    console.say("job %d: student model %d", studentJob, studentModel);

    console.section("4. CRV with the student critic on model " + studentModel);
    started = clock.instant();
    Map<String, Object> studentRunRequest = new LinkedHashMap<>();
    studentRunRequest.put("datasetId", dataset);
    studentRunRequest.put("backends", Map.of("critic", "student"));
    studentRunRequest.put("studentModelId", studentModel);
    long studentRun = gateway.postJson("/api/v1/runs", studentRunRequest, 201).get("id").asLong();
    scenario.awaitRun(studentRun);
    double studentRunSeconds = seconds(started);
    JsonNode rulesView = gateway.get("/api/v1/runs/" + rulesRun);
    JsonNode studentView = gateway.get("/api/v1/runs/" + studentRun);
    console.say("student critic: %s", studentView.path("config").path("studentCritic"));

    console.section("5. sft_crv on each run's verified CoTs, same budget, side by side");
    long experiment =
        gateway
            .postJson(
                "/api/v1/experiments",
                experimentRequest(base, heldOutDataset, rulesRun, studentRun),
                201)
            .get("id")
            .asLong();
    console.section("6. Agreement of the two critics on the teacher CoTs");
    ObjectNode agreement = agreement(dataset, rulesRun, studentRun);
    console.say(
        "agreement %.1f%% (Cohen's kappa %.3f) over %d problems",
        100 * agreement.get("agreement").asDouble(),
        agreement.get("kappa").asDouble(),
        agreement.get("problems").asInt());
    JsonNode done = scenario.awaitExperiment(experiment);
    JsonNode evalJobs = done.path("arms").path("sft_crv").path("evalJobs");
    Map<String, Boolean> rulesCorrect = outputs(evalJobs.get(0).asLong());
    Map<String, Boolean> studentCorrect = outputs(evalJobs.get(1).asLong());

    ObjectNode report = gateway.json().createObjectNode();
    report.put("seed", seed);
    report.put("trainProblems", train.size());
    report.put("heldOut", heldOut.size());
    report.put("sftSteps", plan.sftSteps());
    report.put("sftBatchSize", plan.sftBatchSize());
    report.put("criticStudentSteps", studentSteps);
    report.put("criticStudentModel", studentModel);
    report.put("experimentId", experiment);
    report.set("runs", runs(rulesView, rulesRunSeconds, studentView, studentRunSeconds));
    report.set("studentCritic", studentView.path("config").path("studentCritic"));
    ObjectNode accuracy = report.putObject("sftCrv");
    accuracy.set("rules", accuracy(rulesCorrect, evalJobs.get(0).asLong()));
    accuracy.set("student", accuracy(studentCorrect, evalJobs.get(1).asLong()));
    report.set("studentMinusRules", difference(studentCorrect, rulesCorrect));
    report.set("agreement", agreement);
    return report;
  }

  private Map<String, Object> studentJob(long base, long dataset) {
    Map<String, Object> hyper = new LinkedHashMap<>();
    hyper.put("steps", studentSteps);
    hyper.put("batchSize", plan.sftBatchSize());
    hyper.put("learningRate", plan.sftLearningRate());
    hyper.put("warmupSteps", Math.min(plan.sftWarmupSteps(), Math.max(1, studentSteps / 4)));
    hyper.put("groupByLength", true);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "SFT");
    body.put("name", "critic student: SFT on the teacher CoTs");
    body.put("baseModel", String.valueOf(base));
    body.put("data", Map.of("datasetId", dataset, "annotations", "keep"));
    body.put("hyperparameters", hyper);
    return body;
  }

  private Map<String, Object> experimentRequest(
      long base, long heldOutDataset, long rulesRun, long studentRun) {
    Map<String, Object> sft = plan.sftHyperparameters();
    Map<String, Object> eval = plan.evalSettings();
    List<Map<String, Object>> replicates = new ArrayList<>();
    for (long run : List.of(rulesRun, studentRun)) {
      Map<String, Object> replicate = new LinkedHashMap<>();
      replicate.put("seed", plan.seed());
      replicate.put("runId", run);
      replicate.put("heldOutDatasetId", heldOutDataset);
      replicate.put("baseModel", String.valueOf(base));
      replicates.add(replicate);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "name",
        "cogalign experiment --compare-critics: rules run "
            + rulesRun
            + ", student run "
            + studentRun);
    body.put("replicates", replicates);
    body.put("sft", sft);
    body.put("eval", eval);
    body.put("annotations", plan.annotations());
    body.put("arms", List.of("sft_crv"));
    return body;
  }

  private long awaitModel(long job) {
    Instant deadline = clock.instant().plus(plan.timeout());
    while (true) {
      JsonNode view = gateway.get("/api/v1/jobs/" + job);
      String status = view.path("status").asString();
      if (status.equals("SUCCEEDED")) {
        return view.path("outputModelId").asLong();
      }
      if (status.equals("FAILED") || status.equals("CANCELLED")) {
        throw new DemoException("job " + job + " ended " + status + ": " + view.path("reason"));
      }
      console.waitOrGiveUp(deadline, plan.timeout(), "job " + job);
    }
  }

  private ArrayNode runs(
      JsonNode rules, double rulesSeconds, JsonNode student, double studentSeconds) {
    ArrayNode out = gateway.json().createArrayNode();
    for (Object[] r :
        new Object[][] {{"rules", rules, rulesSeconds}, {"student", student, studentSeconds}}) {
      JsonNode view = (JsonNode) r[1];
      ObjectNode o = out.addObject();
      o.put("critic", (String) r[0]);
      o.put("runId", view.path("id").asLong());
      o.set("counts", view.path("counts"));
      o.put("pairs", view.path("pairs").asLong());
      o.put("wallSeconds", (Double) r[2]);
    }
    return out;
  }

  /** The verdict of each run's critique of every problem's teacher CoT, compared. */
  private ObjectNode agreement(long dataset, long rulesRun, long studentRun) {
    List<String> verdicts = List.of("EASY", "MEDIUM", "HARD");
    long[][] matrix = new long[3][3];
    ObjectNode out = gateway.json().createObjectNode();
    ArrayNode differing = gateway.json().createArrayNode();
    int problems = 0;
    int differ = 0;
    String cursor = null;
    do {
      JsonNode page =
          gateway.get(
              "/api/v1/problems?datasetId="
                  + dataset
                  + "&limit=500"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      for (JsonNode item : page.path("items")) {
        JsonNode history = gateway.get("/api/v1/problems/" + item.get("id").asLong());
        JsonNode teacher = history.path("revisions").get(0);
        JsonNode rules = critique(teacher, rulesRun);
        JsonNode student = critique(teacher, studentRun);
        if (rules == null || student == null) {
          continue;
        }
        problems++;
        int a = verdicts.indexOf(rules.get("verdict").asString());
        int b = verdicts.indexOf(student.get("verdict").asString());
        matrix[a][b]++;
        if (a != b) {
          differ++;
          if (differing.size() < DIFFERING_SHOWN) {
            ObjectNode d = differing.addObject();
            d.put("problemId", history.get("id").asLong());
            d.put("question", history.get("question").asString());
            d.put("teacherCot", teacher.get("text").asString());
            d.put("rules", rules.get("verdict").asString());
            d.put("rulesReason", rules.path("reasons").get(0).path("message").asString());
            d.put("student", student.get("verdict").asString());
            d.put("studentReason", student.path("reasons").get(0).path("message").asString());
          }
        }
      }
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString(null);
    } while (cursor != null);
    double observed = problems == 0 ? 0 : (double) (problems - differ) / problems;
    out.put("problems", problems);
    out.put("differ", differ);
    out.put("agreement", observed);
    out.put("kappa", kappa(matrix));
    ObjectNode confusion = out.putObject("matrix");
    for (int i = 0; i < 3; i++) {
      ObjectNode row = confusion.putObject("rules " + verdicts.get(i));
      for (int j = 0; j < 3; j++) {
        row.put("student " + verdicts.get(j), matrix[i][j]);
      }
    }
    out.set("differing", differing);
    return out;
  }

  /**
   * Cohen's kappa of a confusion matrix (rows one rater, columns the other): the agreement beyond
   * what the two raters' own verdict shares give by chance; 1 when chance agreement is 1.
   */
  static double kappa(long[][] matrix) {
    long total = 0;
    long agree = 0;
    for (int i = 0; i < matrix.length; i++) {
      agree += matrix[i][i];
      for (int j = 0; j < matrix.length; j++) {
        total += matrix[i][j];
      }
    }
    if (total == 0) {
      return 0;
    }
    double expected = 0;
    for (int i = 0; i < matrix.length; i++) {
      long row = 0;
      long column = 0;
      for (int j = 0; j < matrix.length; j++) {
        row += matrix[i][j];
        column += matrix[j][i];
      }
      expected += ((double) row / total) * ((double) column / total);
    }
    double observed = (double) agree / total;
    return expected >= 1 ? 1.0 : (observed - expected) / (1 - expected);
  }

  private static JsonNode critique(JsonNode revision, long runId) {
    for (JsonNode c : revision.path("critiques")) {
      if (c.path("runId").asLong() == runId) {
        return c;
      }
    }
    return null;
  }

  private Map<String, Boolean> outputs(long evalJob) {
    Map<String, Boolean> correct = new LinkedHashMap<>();
    for (JsonNode item : gateway.get("/api/v1/jobs/" + evalJob + "/outputs").path("items")) {
      correct.put(item.get("problemId").asString(), item.get("correct").asBoolean());
    }
    return correct;
  }

  private ObjectNode accuracy(Map<String, Boolean> correct, long evalJob) {
    List<Boolean> values = new ArrayList<>(correct.values());
    double[] boot = new double[RESAMPLES];
    java.util.SplittableRandom random = new java.util.SplittableRandom(BOOTSTRAP_SEED);
    for (int r = 0; r < RESAMPLES; r++) {
      int hits = 0;
      for (int i = 0; i < values.size(); i++) {
        hits += values.get(random.nextInt(values.size())) ? 1 : 0;
      }
      boot[r] = (double) hits / values.size();
    }
    ObjectNode out = gateway.json().createObjectNode();
    out.put("evalJob", evalJob);
    out.put("problems", values.size());
    out.put("accuracy", values.stream().filter(b -> b).count() / (double) values.size());
    interval(out, boot);
    return out;
  }

  /** Paired: both models answered the same problems, resampled with the same draws. */
  private ObjectNode difference(Map<String, Boolean> a, Map<String, Boolean> b) {
    List<String> ids = new ArrayList<>(a.keySet());
    ids.retainAll(b.keySet());
    double[] boot = new double[RESAMPLES];
    java.util.SplittableRandom random = new java.util.SplittableRandom(BOOTSTRAP_SEED);
    for (int r = 0; r < RESAMPLES; r++) {
      int sum = 0;
      for (int i = 0; i < ids.size(); i++) {
        String id = ids.get(random.nextInt(ids.size()));
        sum += (a.get(id) ? 1 : 0) - (b.get(id) ? 1 : 0);
      }
      boot[r] = (double) sum / ids.size();
    }
    int sum = 0;
    int onlyA = 0;
    int onlyB = 0;
    for (String id : ids) {
      sum += (a.get(id) ? 1 : 0) - (b.get(id) ? 1 : 0);
      onlyA += a.get(id) && !b.get(id) ? 1 : 0;
      onlyB += b.get(id) && !a.get(id) ? 1 : 0;
    }
    ObjectNode out = gateway.json().createObjectNode();
    out.put("problems", ids.size());
    out.put("difference", (double) sum / ids.size());
    out.put("onlyStudentCorrect", onlyA);
    out.put("onlyRulesCorrect", onlyB);
    interval(out, boot);
    return out;
  }

  private static void interval(ObjectNode out, double[] boot) {
    java.util.Arrays.sort(boot);
    ArrayNode ci = out.putArray("ci95");
    ci.add(boot[(int) Math.floor(0.025 * (boot.length - 1))]);
    ci.add(boot[(int) Math.ceil(0.975 * (boot.length - 1))]);
  }

  private double seconds(Instant since) {
    return java.time.Duration.between(since, clock.instant()).toMillis() / 1000.0;
  }
}
