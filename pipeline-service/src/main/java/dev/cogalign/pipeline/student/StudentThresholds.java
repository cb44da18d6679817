package dev.cogalign.pipeline.student;

import java.util.Arrays;
import java.util.List;

/**
 * What the student finds typical, measured on a calibration sample of CoTs it was scored on; the
 * {@link StudentVerdictRule} judges a CoT against it.
 *
 * @param jumpNllPerToken a step whose NLL per token is above this is a jump the student cannot
 *     follow: the {@link #JUMP_QUANTILE} quantile of the calibration steps' NLL per token
 * @param trivialNllPerToken a step whose NLL per token is at most this tells the student nothing
 *     new (a restatement, a trivial step): the {@link #TRIVIAL_QUANTILE} quantile of the same
 * @param maxSteps more steps than this is much longer than the student's comfortable range: {@link
 *     #LENGTH_FACTOR} times the {@link #LENGTH_QUANTILE} quantile of the calibration CoTs' step
 *     counts
 * @param maxTrivialShare a CoT whose trivial steps hold more than this share of its tokens is
 *     dominated by them: the {@link #SHARE_QUANTILE} quantile of the calibration CoTs' shares
 */
public record StudentThresholds(
    double jumpNllPerToken, double trivialNllPerToken, int maxSteps, double maxTrivialShare) {

  /** Steps above the 95th percentile of the student's per-token NLL are jumps. */
  public static final double JUMP_QUANTILE = 0.95;

  /** Steps at or below the 10th percentile of the student's per-token NLL are trivial. */
  public static final double TRIVIAL_QUANTILE = 0.10;

  /** The comfortable range ends where 95% of the calibration CoTs end. */
  public static final double LENGTH_QUANTILE = 0.95;

  /**
   * "Much longer" than the comfortable range: twice its end. Not 1: a fitting rewrite of a terse
   * CoT (one operation per step) is longer than the CoTs calibrated on by construction, and the
   * critic must not call every extension too long.
   */
  public static final double LENGTH_FACTOR = 2.0;

  /** A larger trivial share of the tokens than 95% of the calibration CoTs have is too much. */
  public static final double SHARE_QUANTILE = 0.95;

  public StudentThresholds {
    if (!(trivialNllPerToken <= jumpNllPerToken)) {
      throw new IllegalArgumentException(
          "trivial threshold "
              + trivialNllPerToken
              + " is above the jump threshold "
              + jumpNllPerToken);
    }
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps " + maxSteps + " is below 1");
    }
    if (!(maxTrivialShare >= 0 && maxTrivialShare <= 1)) {
      throw new IllegalArgumentException("maxTrivialShare " + maxTrivialShare + " is not in 0..1");
    }
  }

  /** The thresholds the student's scores of a calibration sample give; at least one CoT. */
  public static StudentThresholds calibrate(List<CotScore> sample) {
    if (sample.isEmpty()) {
      throw new IllegalArgumentException("no CoT to calibrate on");
    }
    double[] perToken =
        sample.stream()
            .flatMap(s -> s.steps().stream())
            .filter(s -> s.tokens() > 0)
            .mapToDouble(CotScore.Step::nllPerToken)
            .toArray();
    if (perToken.length == 0) {
      throw new IllegalArgumentException("the calibration CoTs have no scored token");
    }
    double jump = quantile(perToken, JUMP_QUANTILE);
    double trivial = quantile(perToken, TRIVIAL_QUANTILE);
    double[] lengths = sample.stream().mapToDouble(s -> s.steps().size()).toArray();
    int maxSteps = (int) Math.ceil(LENGTH_FACTOR * quantile(lengths, LENGTH_QUANTILE));
    double[] shares = sample.stream().mapToDouble(s -> trivialShare(s, trivial)).toArray();
    return new StudentThresholds(jump, trivial, maxSteps, quantile(shares, SHARE_QUANTILE));
  }

  /** The share of the CoT's tokens in steps whose NLL per token is at most {@code trivial}. */
  static double trivialShare(CotScore score, double trivial) {
    int tokens = score.steps().stream().mapToInt(CotScore.Step::tokens).sum();
    if (tokens == 0) {
      return 0;
    }
    int trivialTokens =
        score.steps().stream()
            .filter(s -> s.tokens() > 0 && s.nllPerToken() <= trivial)
            .mapToInt(CotScore.Step::tokens)
            .sum();
    return (double) trivialTokens / tokens;
  }

  /** The {@code q} quantile with linear interpolation between order statistics (R's type 7). */
  static double quantile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }
}
