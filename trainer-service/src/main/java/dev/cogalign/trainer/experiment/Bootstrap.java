package dev.cogalign.trainer.experiment;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap over replicates and problems: each resample draws replicates with
 * replacement, then within each drawn replicate its problems with replacement, and takes the mean
 * accuracy over all drawn problems. A difference between two arms resamples both with the same
 * draws (the arms are evaluated on the same problems), so the interval is paired.
 */
public final class Bootstrap {

  public static final int DEFAULT_RESAMPLES = 2000;
  public static final long DEFAULT_SEED = 20251;

  /** A point estimate with its 95% interval. */
  public record Interval(double estimate, double low, double high) {}

  private Bootstrap() {}

  /** Mean accuracy over every replicate's problems and its 95% interval. */
  public static Interval mean(List<boolean[]> replicates, int resamples, long seed) {
    return difference(replicates, null, resamples, seed);
  }

  /**
   * Mean accuracy of {@code a} minus that of {@code b} (null: a alone) with its paired 95%
   * interval; replicate i of both must hold the same problems in the same order.
   */
  public static Interval difference(
      List<boolean[]> a, List<boolean[]> b, int resamples, long seed) {
    if (a.isEmpty() || a.stream().anyMatch(r -> r.length == 0)) {
      throw new IllegalArgumentException("every replicate needs at least one evaluated problem");
    }
    if (b != null) {
      if (b.size() != a.size()) {
        throw new IllegalArgumentException(a.size() + " replicates against " + b.size());
      }
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i).length != b.get(i).length) {
          throw new IllegalArgumentException(
              "replicate " + i + ": " + a.get(i).length + " problems against " + b.get(i).length);
        }
      }
    }
    double estimate = statistic(a, b, null, null);
    SplittableRandom random = new SplittableRandom(seed);
    double[] stats = new double[resamples];
    int n = a.size();
    for (int s = 0; s < resamples; s++) {
      int[] replicates = new int[n];
      int[][] problems = new int[n][];
      for (int i = 0; i < n; i++) {
        replicates[i] = random.nextInt(n);
        int size = a.get(replicates[i]).length;
        problems[i] = new int[size];
        for (int j = 0; j < size; j++) {
          problems[i][j] = random.nextInt(size);
        }
      }
      stats[s] = statistic(a, b, replicates, problems);
    }
    Arrays.sort(stats);
    return new Interval(estimate, percentile(stats, 0.025), percentile(stats, 0.975));
  }

  private static double statistic(
      List<boolean[]> a, List<boolean[]> b, int[] replicates, int[][] problems) {
    long total = 0;
    long sum = 0;
    int n = replicates == null ? a.size() : replicates.length;
    for (int i = 0; i < n; i++) {
      int r = replicates == null ? i : replicates[i];
      boolean[] x = a.get(r);
      boolean[] y = b == null ? null : b.get(r);
      for (int j = 0; j < x.length; j++) {
        int p = problems == null ? j : problems[i][j];
        sum += (x[p] ? 1 : 0) - (y != null && y[p] ? 1 : 0);
        total++;
      }
    }
    return (double) sum / total;
  }

  private static double percentile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(sorted.length - 1, below + 1);
    double weight = position - below;
    return sorted[below] * (1 - weight) + sorted[above] * weight;
  }
}
