package dev.cogalign.launcher.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The experiment's report files: {@code report.json} (machine-readable) and {@code report.md} (the
 * table per arm, the comparisons with their intervals, and what they do and do not show), written
 * from the experiment's report data as trainer-service computed it.
 */
public final class ExperimentReport {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ExperimentReport() {}

  /** {@code report.json}: seeds, held-out size and file, wall time, and per arm its results. */
  public static ObjectNode json(
      ExperimentPlan plan, JsonNode experiment, Path heldOutFile, double wallSeconds) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode seeds = root.putArray("seeds");
    plan.replicateSeeds().forEach(seeds::add);
    root.put("heldOut", experiment.path("heldOut").asInt());
    root.put("heldOutFile", heldOutFile.toAbsolutePath().toString());
    root.put("wallSeconds", Math.round(wallSeconds * 10) / 10.0);
    ObjectNode arms = root.putObject("arms");
    experiment
        .path("arms")
        .properties()
        .forEach(
            e -> {
              JsonNode a = e.getValue();
              ObjectNode arm = arms.putObject(e.getKey());
              arm.set("accuracy", a.path("accuracy"));
              arm.set("mean", a.path("mean"));
              arm.set("ci95", a.path("ci95"));
              arm.set("models", a.path("models"));
              arm.put("steps", a.path("steps").asInt());
              arm.put("batchSize", a.path("batchSize").asInt());
              arm.put("wallSeconds", a.path("wallSeconds").asDouble());
              arm.set("hitTokenLimit", a.path("hitTokenLimit"));
              arm.set("jobs", a.path("jobs"));
              arm.set("evalJobs", a.path("evalJobs"));
            });
    root.set("comparisons", experiment.path("comparisons"));
    root.put("experimentId", experiment.path("id").asLong());
    return root;
  }

  public static void writeJson(ObjectNode report, Path file) {
    write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
  }

  /** {@code report.md}: what was measured, in plain words, with the numbers behind it. */
  public static String markdown(ExperimentPlan plan, ObjectNode report, String machine) {
    StringBuilder md = new StringBuilder();
    md.append("# `cogalign experiment`: does CRV teach a small student to reason better?\n\n");
    md.append("Measured on ")
        .append(LocalDate.now(ZoneOffset.UTC))
        .append(", ")
        .append(machine)
        .append(", in ")
        .append(String.format("%.0f", report.path("wallSeconds").asDouble()))
        .append(" s wall. Seeds ")
        .append(report.path("seeds"))
        .append(" (each its own ")
        .append(plan.trainProblems())
        .append(" training problems and student initialisation); ")
        .append(report.path("heldOut").asInt())
        .append(" held-out problems shared by all seeds (`")
        .append(report.path("heldOutFile").asString())
        .append("`), greedy decoding, answers checked by crv-core.\n\n");

    md.append("## Headline\n\n");
    for (JsonNode c : report.path("comparisons")) {
      md.append("- ").append(sentence(c)).append('\n');
    }
    md.append('\n');

    md.append("## Arms\n\n");
    md.append("| arm | mean accuracy | 95% CI | per seed | steps × batch | training wall time |\n");
    md.append("|---|---|---|---|---|---|\n");
    report
        .path("arms")
        .properties()
        .forEach(
            e -> {
              JsonNode a = e.getValue();
              List<String> per = new ArrayList<>();
              a.path("accuracy").forEach(x -> per.add(percent(x.asDouble())));
              md.append("| `")
                  .append(e.getKey())
                  .append("` | ")
                  .append(percent(a.path("mean").asDouble()))
                  .append(" | ")
                  .append(interval(a.path("ci95")))
                  .append(" | ")
                  .append(String.join(" / ", per))
                  .append(" | ")
                  .append(a.path("steps").asInt())
                  .append(" × ")
                  .append(a.path("batchSize").asInt())
                  .append(" | ")
                  .append(String.format("%.0f s", a.path("wallSeconds").asDouble()))
                  .append(" |\n");
            });
    md.append('\n');
    md.append("Intervals: percentile bootstrap (2,000 resamples) over seeds and, within each, over")
        .append(
            " held-out problems; differences are paired (the arms answer the same problems).\n\n");

    md.append("## Setup\n\n");
    md.append("- `sft_teacher`: SFT on the teacher's terse CoTs (several operations per step);")
        .append(" `sft_crv`: SFT on the CRV-verified rewrites of the same problems (one operation")
        .append(" per step), both ")
        .append(plan.sftSteps())
        .append(" steps × ")
        .append(plan.sftBatchSize())
        .append(", lr ")
        .append(plan.sftLearningRate())
        .append(", warm-up ")
        .append(plan.sftWarmupSteps())
        .append(", batches grouped by length (`groupByLength`, in every arm).\n");
    md.append("- `dpo` (β ")
        .append(plan.dpoBeta())
        .append("), `cogpo` (β per mini-task ")
        .append(plan.cogpoBetas())
        .append(") from `sft_crv` on the run's pairs, and the control `sft_crv_continued` (SFT")
        .append(" from `sft_crv`): each ")
        .append(plan.poSteps())
        .append(" steps × ")
        .append(plan.poBatchSize())
        .append(", lr ")
        .append(plan.poLearningRate())
        .append(".\n");
    md.append("- Calculator annotations: ")
        .append(plan.annotations())
        .append(". Outputs that reached the ")
        .append(plan.maxNewTokens())
        .append("-token limit without stopping, per arm and seed: ");
    List<String> hits = new ArrayList<>();
    report
        .path("arms")
        .properties()
        .forEach(e -> hits.add(e.getKey() + " " + e.getValue().path("hitTokenLimit")));
    md.append(String.join(", ", hits)).append(".\n\n");
    md.append("## What this does and does not show\n\n");
    md.append("- ").append(crvFinding(report)).append('\n');
    md.append("- The preference arms are compared with a control that gets the same number of")
        .append(
            " extra steps; without it, any gain of DPO or CogPO could be extra training alone.\n");
    md.append("- A miniature: a character-level student of about 0.4M parameters trained from")
        .append(" scratch on synthetic 2–4 step arithmetic word problems, with the rules critic,")
        .append(" rethinker and verifier. Whatever it shows is about this setting, not the size of")
        .append(" an effect on real models and data.\n");
    md.append("- Per-seed numbers vary with the seed's data and initialisation; the intervals")
        .append(" include that variation.\n\n");
    md.append("Files: `report.json`, `accuracy.png`, `curves.png`; every model folder is listed in")
        .append(
            " `report.json` and can be re-evaluated with `./cogalign eval --model M --bench gsm8k")
        .append(" --data ")
        .append(report.path("heldOutFile").asString())
        .append("`.\n");
    return md.toString();
  }

  /**
   * What the sft_crv against sft_teacher comparison says, in words that hold for the numbers: the
   * effect seen, its absence, or its reversal, with the accuracies behind it.
   */
  static String crvFinding(JsonNode report) {
    JsonNode crv = report.path("arms").path("sft_crv");
    JsonNode teacher = report.path("arms").path("sft_teacher");
    if (!crv.has("mean") || !teacher.has("mean")) {
      return "The run had no sft_crv and sft_teacher pair to compare.";
    }
    JsonNode comparison = null;
    for (JsonNode c : report.path("comparisons")) {
      if (c.path("arm").asString().equals("sft_crv")
          && c.path("baseline").asString().equals("sft_teacher")) {
        comparison = c;
      }
    }
    String numbers =
        " (sft_crv "
            + percent(crv.path("mean").asDouble())
            + ", sft_teacher "
            + percent(teacher.path("mean").asDouble())
            + " after "
            + crv.path("steps").asInt()
            + " steps)";
    if (comparison != null && comparison.path("ci95").path(0).asDouble() > 0) {
      return "At this budget, SFT on CRV's fitted CoTs answers more held-out problems than SFT on"
          + " the teacher's terse CoTs of the same problems"
          + numbers
          + ".";
    }
    if (comparison != null && comparison.path("ci95").path(1).asDouble() < 0) {
      return "At this budget, SFT on CRV's CoTs answers fewer held-out problems than SFT on the"
          + " teacher's"
          + numbers
          + ".";
    }
    return "At this budget the comparison does not show that CRV helps: the difference between"
        + " SFT on CRV's CoTs and on the teacher's is within its interval"
        + numbers
        + ". docs/experiment.md gives the budgets at which it was measured to appear.";
  }

  /** A comparison in plain words, with its interval. */
  static String sentence(JsonNode c) {
    String arm = c.path("arm").asString();
    String base = c.path("baseline").asString();
    double d = c.path("difference").asDouble();
    double lo = c.path("ci95").path(0).asDouble();
    double hi = c.path("ci95").path(1).asDouble();
    String numbers =
        String.format("%+.1f points (95%% CI %+.1f to %+.1f)", 100 * d, 100 * lo, 100 * hi);
    String verdict;
    if (lo > 0) {
      verdict = "`" + arm + "` beats `" + base + "`";
    } else if (hi < 0) {
      verdict = "`" + arm + "` is worse than `" + base + "`";
    } else {
      verdict = "`" + arm + "` does not beat `" + base + "` (the interval includes no difference)";
    }
    return verdict + ": " + numbers + ".";
  }

  private static String percent(double x) {
    return String.format("%.1f%%", 100 * x);
  }

  private static String interval(JsonNode ci) {
    if (!ci.isArray() || ci.size() != 2) {
      return "–";
    }
    return percent(ci.get(0).asDouble()) + " – " + percent(ci.get(1).asDouble());
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
