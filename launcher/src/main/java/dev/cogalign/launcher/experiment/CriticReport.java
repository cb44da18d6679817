package dev.cogalign.launcher.experiment;

import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** critics.md: the profile critic against the student critic, from critics.json. */
final class CriticReport {
  private CriticReport() {}

  static String markdown(JsonNode r) {
    StringBuilder md = new StringBuilder();
    md.append("# Profile critic vs student critic (cogalign experiment --compare-critics)\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Seed %d: %d training problems, %d held out; sft_crv %d steps x %d on each run's"
                + " verified CoTs from the same scratch student; the critic's student: SFT %d"
                + " steps on the teacher CoTs (model %d). Wall %.0f s.%n%n",
            r.path("seed").asLong(),
            r.path("trainProblems").asInt(),
            r.path("heldOut").asInt(),
            r.path("sftSteps").asInt(),
            r.path("sftBatchSize").asInt(),
            r.path("criticStudentSteps").asInt(),
            r.path("criticStudentModel").asLong(),
            r.path("wallSeconds").asDouble()));
    md.append(
        "| critic | run | VERIFIED | REJECTED | FAILED | pairs | CRV wall | sft_crv held-out accuracy | 95% CI |\n");
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    for (JsonNode run : r.path("runs")) {
      String critic = run.path("critic").asString();
      JsonNode acc = r.path("sftCrv").path(critic);
      JsonNode c = run.path("counts");
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %d | %d | %d | %.0f s | %.1f%% | %.1f%% – %.1f%% |%n",
              critic,
              run.path("runId").asLong(),
              c.path("VERIFIED").asLong(),
              c.path("REJECTED").asLong(),
              c.path("FAILED").asLong(),
              run.path("pairs").asLong(),
              run.path("wallSeconds").asDouble(),
              100 * acc.path("accuracy").asDouble(),
              100 * acc.path("ci95").get(0).asDouble(),
              100 * acc.path("ci95").get(1).asDouble()));
    }
    JsonNode d = r.path("studentMinusRules");
    md.append(
        String.format(
            Locale.ROOT,
            "%nstudent − rules: %+.1f points (paired 95%% CI %+.1f to %+.1f); %d problems only"
                + " the student-critic model answers, %d only the rules-critic model.%n%n",
            100 * d.path("difference").asDouble(),
            100 * d.path("ci95").get(0).asDouble(),
            100 * d.path("ci95").get(1).asDouble(),
            d.path("onlyStudentCorrect").asInt(),
            d.path("onlyRulesCorrect").asInt()));
    md.append("Student critic: `").append(r.path("studentCritic")).append("`\n\n");
    JsonNode a = r.path("agreement");
    md.append(
        String.format(
            Locale.ROOT,
            "Verdicts on the %d teacher CoTs: agreement %.1f%%, Cohen's kappa %.3f, %d differ.%n%n",
            a.path("problems").asInt(),
            100 * a.path("agreement").asDouble(),
            a.path("kappa").asDouble(),
            a.path("differ").asInt()));
    md.append("| rules \\ student | EASY | MEDIUM | HARD |\n|---|---|---|---|\n");
    a.path("matrix")
        .properties()
        .forEach(
            row -> {
              md.append("| ").append(row.getKey().substring("rules ".length()));
              row.getValue().properties().forEach(cell -> md.append(" | ").append(cell.getValue()));
              md.append(" |\n");
            });
    md.append("\nProblems where they differ (first ")
        .append(a.path("differing").size())
        .append("):\n\n");
    for (JsonNode p : a.path("differing")) {
      md.append("- problem ")
          .append(p.path("problemId").asLong())
          .append(": ")
          .append(p.path("question").asString())
          .append("\n  teacher CoT: `")
          .append(p.path("teacherCot").asString().replace("\n", " / "))
          .append("`\n  rules: ")
          .append(p.path("rulesReason").asString())
          .append("\n  student: ")
          .append(p.path("studentReason").asString())
          .append("\n");
    }
    return md.toString();
  }
}
