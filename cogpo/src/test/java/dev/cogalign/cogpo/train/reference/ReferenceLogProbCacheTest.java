package dev.cogalign.cogpo.train.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.cogpo.train.TrainException;
import dev.cogalign.cogpo.train.data.TokenizedPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceLogProbCacheTest {

  private static final TokenizedPair PAIR =
      new TokenizedPair(new int[] {1, 2}, new int[] {3}, new int[] {4}, 0.5, "ALIGN");

  @Test
  void reopenedCacheReturnsTheStoredValuesBitForBit(@TempDir Path dir) throws Exception {
    Path ref = dir.resolve("ref");
    Files.createDirectories(ref);
    Files.writeString(ref.resolve("config.json"), "{}");
    Files.write(ref.resolve("model.safetensors"), new byte[] {1, 2, 3});
    ReferenceLogProbCache cache = ReferenceLogProbCache.open(dir.resolve("cache"), ref);
    assertThat(cache.get(PAIR)).isEmpty();
    cache.put(PAIR, -12.345678f, Float.intBitsToFloat(0xc1234567));

    ReferenceLogProbCache again = ReferenceLogProbCache.open(dir.resolve("cache"), ref);
    assertThat(again.size()).isEqualTo(1);
    assertThat(again.get(PAIR))
        .hasValueSatisfying(
            v -> assertThat(v).containsExactly(-12.345678f, Float.intBitsToFloat(0xc1234567)));
    assertThat(again.hits()).isEqualTo(1);
  }

  @Test
  void otherWeightsOrOtherIdsMissTheCache(@TempDir Path dir) throws Exception {
    Path ref = dir.resolve("ref");
    Files.createDirectories(ref);
    Files.write(ref.resolve("model.safetensors"), new byte[] {1, 2, 3});
    ReferenceLogProbCache cache = ReferenceLogProbCache.open(dir.resolve("cache"), ref);
    cache.put(PAIR, -1f, -2f);
    assertThat(
            cache.get(new TokenizedPair(new int[] {1, 2}, new int[] {3}, new int[] {5}, 0.5, null)))
        .isEmpty();
    Files.write(ref.resolve("model.safetensors"), new byte[] {1, 2, 4});
    assertThat(ReferenceLogProbCache.open(dir.resolve("cache"), ref).get(PAIR)).isEmpty();
  }

  @Test
  void aTornLastLineOfAnotherJobsAppendIsLeftOutAndItsPairScoredAgain(@TempDir Path dir)
      throws Exception {
    Path ref = dir.resolve("ref");
    Files.createDirectories(ref);
    Files.write(ref.resolve("model.safetensors"), new byte[] {1, 2, 3});
    ReferenceLogProbCache cache = ReferenceLogProbCache.open(dir.resolve("cache"), ref);
    cache.put(PAIR, -1f, -2f);
    TokenizedPair other = new TokenizedPair(new int[] {1}, new int[] {2}, new int[] {3}, 1, null);
    // another job's append, cut after the first hex digits of its rejected value
    Files.writeString(
        cache.file(),
        cache.pairKey(other) + "\tc1200000\tc1",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    ReferenceLogProbCache again = ReferenceLogProbCache.open(dir.resolve("cache"), ref);
    assertThat(again.size()).isEqualTo(1);
    assertThat(again.get(other)).isEmpty();
    assertThat(again.get(PAIR)).hasValueSatisfying(v -> assertThat(v).containsExactly(-1f, -2f));
  }

  @Test
  void aCompleteLineWithANonFiniteValueIsRejectedAsMalformed(@TempDir Path dir) throws Exception {
    Path ref = dir.resolve("ref");
    Files.createDirectories(ref);
    Files.write(ref.resolve("model.safetensors"), new byte[] {1, 2, 3});
    ReferenceLogProbCache cache = ReferenceLogProbCache.open(dir.resolve("cache"), ref);
    Files.createDirectories(cache.file().getParent());
    Files.writeString(cache.file(), cache.pairKey(PAIR) + "\tc1200000\t7fc00000\n");

    assertThatThrownBy(() -> ReferenceLogProbCache.open(dir.resolve("cache"), ref))
        .isInstanceOf(TrainException.class)
        .hasMessageContaining("line 1 is malformed");
  }
}
