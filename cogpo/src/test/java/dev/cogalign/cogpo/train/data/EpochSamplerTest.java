package dev.cogalign.cogpo.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EpochSamplerTest {

  private static final int BATCH = 16;

  private static int[] randomLengths(int n) {
    Random random = new Random(7);
    int[] lengths = new int[n];
    for (int i = 0; i < n; i++) {
      lengths[i] = 90 + random.nextInt(120);
    }
    return lengths;
  }

  private static List<List<Integer>> epoch(EpochSampler sampler, int size) {
    List<List<Integer>> steps = new ArrayList<>();
    int seen = 0;
    while (seen < size) {
      List<Integer> step = sampler.next(BATCH);
      steps.add(step);
      seen += step.size();
    }
    return steps;
  }

  /** Tokens computed (rows padded to the longest of their batch) over tokens that are real. */
  private static double paddingOverhead(List<List<Integer>> steps, int[] lengths) {
    long padded = 0;
    long real = 0;
    for (List<Integer> step : steps) {
      int longest = step.stream().mapToInt(i -> lengths[i]).max().orElseThrow();
      padded += (long) longest * step.size();
      real += step.stream().mapToInt(i -> lengths[i]).sum();
    }
    return (double) padded / real;
  }

  @Test
  void groupingByLengthVisitsEveryExampleOncePerEpochInFullBatches() {
    int size = 4_007;
    int[] lengths = randomLengths(size);
    EpochSampler sampler = new EpochSampler(size, 3, 0, 0, lengths, BATCH);

    List<List<Integer>> steps = epoch(sampler, size);

    Set<Integer> seen = new HashSet<>();
    steps.forEach(seen::addAll);
    assertThat(seen).hasSize(size);
    assertThat(steps.subList(0, steps.size() - 1)).allSatisfy(s -> assertThat(s).hasSize(BATCH));
    assertThat(steps.get(steps.size() - 1)).hasSize(size % BATCH);
    assertThat(sampler.epoch()).isZero();
    assertThat(sampler.next(BATCH)).hasSize(BATCH);
    assertThat(sampler.epoch()).isEqualTo(1);
  }

  @Test
  void groupingByLengthPadsFarLessThanAUniformShuffle() {
    int size = 4_000;
    int[] lengths = randomLengths(size);

    double grouped =
        paddingOverhead(epoch(new EpochSampler(size, 3, 0, 0, lengths, BATCH), size), lengths);
    double uniform = paddingOverhead(epoch(new EpochSampler(size, 3, 0, 0), size), lengths);

    assertThat(uniform).isGreaterThan(1.25);
    assertThat(grouped).isLessThan(1.05);
  }

  @Test
  void groupedBatchesAreNotOrderedFromLongToShort() {
    int size = 50 * BATCH;
    int[] lengths = new int[size];
    for (int i = 0; i < size; i++) {
      lengths[i] = i;
    }
    List<Integer> longest =
        epoch(new EpochSampler(size, 5, 0, 0, lengths, BATCH), size).stream()
            .map(s -> s.stream().mapToInt(i -> lengths[i]).max().orElseThrow())
            .toList();

    assertThat(longest).isNotEqualTo(longest.stream().sorted((a, b) -> b - a).toList());
  }

  @Test
  void aResumedSamplerDrawsWhatTheUninterruptedOneDraws() {
    int size = 1_000;
    int[] lengths = randomLengths(size);
    EpochSampler whole = new EpochSampler(size, 11, 0, 0, lengths, BATCH);
    List<List<Integer>> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add(whole.next(BATCH));
    }
    EpochSampler first = new EpochSampler(size, 11, 0, 0, lengths, BATCH);
    List<List<Integer>> drawn = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      drawn.add(first.next(BATCH));
    }
    EpochSampler resumed =
        new EpochSampler(size, 11, first.epoch(), first.position(), lengths, BATCH);
    for (int i = 70; i < 100; i++) {
      drawn.add(resumed.next(BATCH));
    }

    assertThat(drawn).isEqualTo(expected);
  }

  @Test
  void lengthsMustMatchTheExamples() {
    assertThatThrownBy(() -> new EpochSampler(10, 1, 0, 0, new int[9], BATCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("9 lengths for 10 examples");
  }
}
