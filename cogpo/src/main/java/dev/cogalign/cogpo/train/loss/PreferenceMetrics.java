package dev.cogalign.cogpo.train.loss;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-batch preference metrics under TRL's names, kept as sums so that the micro-batches of one
 * optimizer step (gradient accumulation) merge exactly into the step's means.
 *
 * <p>A pair's reward is β·(log πθ − log π_ref) of one side, without label smoothing, as TRL logs
 * it; a pair is accurate when its chosen reward exceeds its rejected reward.
 *
 * @param pairs number of pairs summed
 * @param rewardsChosen sum of chosen rewards
 * @param rewardsRejected sum of rejected rewards
 * @param accurate number of accurate pairs
 * @param logpsChosen sum of policy chosen log-probs
 * @param logpsRejected sum of policy rejected log-probs
 * @param marginsByMiniTask per mini-task, the sum and count of reward margins
 */
public record PreferenceMetrics(
    int pairs,
    double rewardsChosen,
    double rewardsRejected,
    int accurate,
    double logpsChosen,
    double logpsRejected,
    Map<String, TaskMargins> marginsByMiniTask) {

  /** Sum and count of reward margins of one mini-task's pairs. */
  public record TaskMargins(double sum, int count) {
    TaskMargins plus(TaskMargins o) {
      return new TaskMargins(sum + o.sum, count + o.count);
    }
  }

  public PreferenceMetrics {
    marginsByMiniTask = Map.copyOf(marginsByMiniTask);
  }

  /** Metrics of the pairs from their per-pair values. */
  public static PreferenceMetrics of(
      float[] policyChosen,
      float[] policyRejected,
      float[] referenceChosen,
      float[] referenceRejected,
      double[] betas,
      List<String> miniTasks) {
    double chosenSum = 0;
    double rejectedSum = 0;
    double logpsChosen = 0;
    double logpsRejected = 0;
    int accurate = 0;
    Map<String, TaskMargins> byTask = new TreeMap<>();
    for (int i = 0; i < betas.length; i++) {
      double chosen = betas[i] * ((double) policyChosen[i] - referenceChosen[i]);
      double rejected = betas[i] * ((double) policyRejected[i] - referenceRejected[i]);
      chosenSum += chosen;
      rejectedSum += rejected;
      logpsChosen += policyChosen[i];
      logpsRejected += policyRejected[i];
      if (chosen > rejected) {
        accurate++;
      }
      String task = miniTasks.get(i);
      if (task != null) {
        byTask.merge(task, new TaskMargins(chosen - rejected, 1), TaskMargins::plus);
      }
    }
    return new PreferenceMetrics(
        betas.length, chosenSum, rejectedSum, accurate, logpsChosen, logpsRejected, byTask);
  }

  /** The metrics of both batches together. */
  public PreferenceMetrics plus(PreferenceMetrics o) {
    Map<String, TaskMargins> byTask = new TreeMap<>(marginsByMiniTask);
    o.marginsByMiniTask.forEach((k, v) -> byTask.merge(k, v, TaskMargins::plus));
    return new PreferenceMetrics(
        pairs + o.pairs,
        rewardsChosen + o.rewardsChosen,
        rewardsRejected + o.rewardsRejected,
        accurate + o.accurate,
        logpsChosen + o.logpsChosen,
        logpsRejected + o.logpsRejected,
        byTask);
  }

  /** Means under TRL's names, then {@code rewards/margins/<MINI_TASK>} in name order. */
  public Map<String, Double> toMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("rewards/chosen", rewardsChosen / pairs);
    m.put("rewards/rejected", rewardsRejected / pairs);
    m.put("rewards/accuracies", (double) accurate / pairs);
    m.put("rewards/margins", (rewardsChosen - rewardsRejected) / pairs);
    m.put("logps/chosen", logpsChosen / pairs);
    m.put("logps/rejected", logpsRejected / pairs);
    new TreeMap<>(marginsByMiniTask)
        .forEach((task, t) -> m.put("rewards/margins/" + task, t.sum() / t.count()));
    return m;
  }
}
