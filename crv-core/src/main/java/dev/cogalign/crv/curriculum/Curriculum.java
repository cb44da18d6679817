package dev.cogalign.crv.curriculum;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A synthetic curriculum of GSM8K-style word problems with 2 to 4 one-operation reasoning steps
 * over small integers, each with a terse teacher CoT that the rules critic judges EASY for the
 * default student and whose rules extension fits it (see {@link WordProblems}).
 */
public final class Curriculum {
  /** The largest value, intermediate result or operand a problem contains. */
  public static final int DEFAULT_MAX_VALUE = 99;

  /** The smallest maximum value problems of 2 to 4 steps are generated with. */
  public static final int MIN_MAX_VALUE = 20;

  private Curriculum() {}

  /**
   * A deterministic split for the seed: the held-out problems are generated first, then the
   * training problems; question texts are unique within and across the two lists.
   */
  public static CurriculumSplit split(long seed, int train, int heldOut) {
    return split(seed, train, heldOut, DEFAULT_MAX_VALUE);
  }

  /**
   * As {@link #split(long, int, int)}, with every value and intermediate result at most {@code
   * maxValue} (at least {@link #MIN_MAX_VALUE}): smaller numbers make the arithmetic easier to
   * learn, not the number of steps.
   */
  public static CurriculumSplit split(long seed, int train, int heldOut, int maxValue) {
    if (train < 0 || heldOut < 0) {
      throw new IllegalArgumentException(
          "train " + train + " and heldOut " + heldOut + " must not be negative");
    }
    if (maxValue < MIN_MAX_VALUE) {
      throw new IllegalArgumentException(
          "max value " + maxValue + " is below " + MIN_MAX_VALUE + ", too small for 4 steps");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    Set<String> seen = new HashSet<>();
    List<CurriculumProblem> held = generate(rng, heldOut, seen, maxValue);
    List<CurriculumProblem> training = generate(rng, train, seen, maxValue);
    return new CurriculumSplit(training, held);
  }

  /** Writes one {@link CurriculumProblem#toGsm8kJson()} a line (UTF-8). */
  public static void writeJsonl(List<CurriculumProblem> problems, Path file) {
    Objects.requireNonNull(file, "file");
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (CurriculumProblem p : problems) {
        out.write(p.toGsm8kJson());
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static List<CurriculumProblem> generate(
      SplittableRandom rng, int count, Set<String> seen, int maxValue) {
    List<CurriculumProblem> out = new ArrayList<>(count);
    int attempts = 0;
    while (out.size() < count) {
      if (++attempts > 100 * count + 1000) {
        throw new IllegalStateException(
            "only " + out.size() + " distinct problems of " + count + " after " + attempts);
      }
      CurriculumProblem p = WordProblems.generate(rng, maxValue);
      if (seen.add(p.question())) {
        out.add(p);
      }
    }
    return out;
  }
}
