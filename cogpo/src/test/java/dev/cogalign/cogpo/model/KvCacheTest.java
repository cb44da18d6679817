package dev.cogalign.cogpo.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.cogalign.cogpo.SharedFixtures;
import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KvCacheTest {

  static final long[][] IDS = {{35, 275, 81, 316, 314, 408, 269}, {44, 358, 12, 7, 99, 5, 61}};

  static NDManager manager;
  static DecoderModel model;

  @BeforeAll
  static void load() {
    manager = NDManager.newBaseManager();
    model = HfCheckpoint.load(SharedFixtures.hfTiny("qwen2-tiny"), manager);
  }

  @AfterAll
  static void close() {
    model.close();
    manager.close();
  }

  @Test
  void preallocatedAndGrowingCachesGiveTheLogitsOfOneFullForward() {
    try (NDManager scope = manager.newSubManager();
        NoGrad ignored = NoGrad.enter()) {
      float[] full = model.forward(scope.create(IDS), null).toFloatArray(); // (2, 7, V)
      for (int capacity : new int[] {0, 7, 12}) {
        try (KvCache cache =
            capacity == 0 ? model.newCache(scope) : model.newCache(scope, capacity)) {
          NDArray prefix = scope.create(IDS).get(new NDIndex(":, 0:4"));
          NDArray first = model.forward(prefix, null, cache); // (2, 4, V)
          NDArray rest = null;
          for (int t = 4; t < 7; t++) {
            NDArray step = scope.create(IDS).get(new NDIndex(":, {}:{}", t, t + 1));
            NDArray logits = model.forward(step, null, cache); // (2, 1, V)
            rest = rest == null ? logits : rest.concat(logits, 1);
          }
          float[] incremental = first.concat(rest, 1).toFloatArray();
          assertThat(cache.length()).isEqualTo(7);
          for (int i = 0; i < full.length; i++) {
            assertThat(incremental[i])
                .as("capacity %d, logit %d", capacity, i)
                .isCloseTo(full[i], within(1e-4f));
          }
        }
      }
    }
  }

  @Test
  void aFullPreallocatedCacheRefusesMorePositions() {
    try (NDManager scope = manager.newSubManager();
        NoGrad ignored = NoGrad.enter();
        KvCache cache = model.newCache(scope, 3)) {
      model.forward(scope.create(new long[][] {{35, 275, 81}}), null, cache);
      assertThatThrownBy(() -> model.forward(scope.create(new long[][] {{316}}), null, cache))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("KV cache of 3 positions cannot take 4");
    }
  }
}
