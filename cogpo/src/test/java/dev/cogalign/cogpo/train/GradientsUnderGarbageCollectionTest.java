package dev.cogalign.cogpo.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.cogalign.cogpo.SharedFixtures;
import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import dev.cogalign.cogpo.model.DecoderModel;
import dev.cogalign.cogpo.train.data.PreferenceBatch;
import dev.cogalign.cogpo.train.data.SequenceBatch;
import dev.cogalign.cogpo.train.data.TokenizedPair;
import dev.cogalign.cogpo.train.loss.CompletionLogProbs;
import dev.cogalign.cogpo.train.loss.PairLogProbs;
import dev.cogalign.cogpo.train.loss.PreferenceLoss;
import dev.cogalign.cogpo.train.optim.Gradients;
import dev.cogalign.cogpo.train.reference.FrozenReference;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A gradient must not depend on what the JVM does between a forward pass and its backward pass.
 *
 * <p>DJL's scalar operations ({@code x.mul(0.5f)}) wrap the number in an engine array that aliases
 * a Java direct buffer and close it right after the op; when the op saves its operand for the
 * backward pass (mul, div), the autograd graph keeps a pointer into memory that the JVM frees at
 * its next garbage collection and hands out again. This test collects garbage between the forward
 * and the backward pass and refills the freed memory with NaN, as a busy JVM (another thread,
 * another job, a service's request threads) does by chance.
 */
class GradientsUnderGarbageCollectionTest {

  private static final int CHURN_ROUNDS = 8;
  private static final int BUFFERS_PER_ROUND = 4096;

  @ParameterizedTest
  @ValueSource(strings = {"llama-tiny", "qwen2-tiny"})
  void gradientsAreTheSameWhenGarbageIsCollectedBetweenForwardAndBackward(String name) {
    List<TokenizedPair> pairs = GoldenPreferenceParityTest.goldenPairs(GoldenData.golden(name));
    PreferenceBatch batch = PreferenceBatch.of(pairs, TrainingRun.PAD_ID);
    try (NDManager manager = NDManager.newBaseManager();
        FrozenReference reference =
            new FrozenReference(HfCheckpoint.load(SharedFixtures.hfTiny(name), manager));
        DecoderModel policy = HfCheckpoint.load(SharedFixtures.hfTiny(name + "-policy"), manager)) {
      NDList ref = reference.of(pairs, batch, manager);
      policy.setTrainable(true);
      Map<String, NDArray> parameters = new LinkedHashMap<>();
      for (Map.Entry<String, Parameter> e : policy.namedParameters().entrySet()) {
        parameters.put(e.getKey(), e.getValue().getArray());
      }

      Map<String, Double> quiet = gradientNorms(policy, batch, ref, parameters, manager, false);
      Gradients.zero(parameters);
      Map<String, Double> churned = gradientNorms(policy, batch, ref, parameters, manager, true);

      assertThat(churned.values()).allMatch(Double::isFinite);
      for (Map.Entry<String, Double> e : quiet.entrySet()) {
        assertThat(churned.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
      }
    }
  }

  private static Map<String, Double> gradientNorms(
      DecoderModel policy,
      PreferenceBatch batch,
      NDList ref,
      Map<String, NDArray> parameters,
      NDManager manager,
      boolean churn) {
    List<ByteBuffer> refill = new ArrayList<>();
    try (NDManager scope = manager.newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      SequenceBatch s = batch.sequences();
      int n = batch.pairs();
      NDArray logps =
          CompletionLogProbs.sums(policy, s, s.idsArray(scope), s.attentionMaskArray(scope));
      NDArray loss =
          new PreferenceLoss(0.1, 0.5)
              .compute(
                  new PairLogProbs(logps.get("0:" + n), logps.get(n + ":"), ref.get(0), ref.get(1)),
                  batch.betas(),
                  batch.miniTasks(),
                  batch.chosenTokens())
              .loss();
      NDArray weighted = TrainingRun.weighted(loss, 0.5);
      if (churn) {
        refill = collectGarbageAndRefillFreedDirectMemory(Float.NaN);
      }
      collector.backward(weighted);
    }
    Map<String, Double> norms = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
      try (NDArray g = e.getValue().getGradient();
          NDArray norm = g.norm()) {
        norms.put(e.getKey(), (double) norm.getFloat());
      }
    }
    assertThat(refill).isNotNull();
    return norms;
  }

  /**
   * Collects garbage until the JVM has released direct buffers, then allocates small direct buffers
   * filled with {@code fill}, which reuse the released memory. Returns them (kept alive by the
   * caller until it is done).
   */
  static List<ByteBuffer> collectGarbageAndRefillFreedDirectMemory(float fill) {
    BufferPoolMXBean direct =
        ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(p -> p.getName().equals("direct"))
            .findFirst()
            .orElseThrow();
    List<ByteBuffer> refill = new ArrayList<>();
    for (int round = 0; round < CHURN_ROUNDS; round++) {
      System.gc();
      long before = direct.getCount();
      for (int i = 0; i < 20 && direct.getCount() >= before; i++) {
        System.gc();
      }
      for (int i = 0; i < BUFFERS_PER_ROUND; i++) {
        ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        b.putFloat(0, fill);
        refill.add(b);
      }
    }
    return refill;
  }
}
