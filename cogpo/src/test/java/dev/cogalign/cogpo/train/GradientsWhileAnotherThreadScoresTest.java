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
import dev.cogalign.cogpo.model.NoGrad;
import dev.cogalign.cogpo.score.CompletionScorer;
import dev.cogalign.cogpo.score.PromptCompletion;
import dev.cogalign.cogpo.train.data.PreferenceBatch;
import dev.cogalign.cogpo.train.data.SequenceBatch;
import dev.cogalign.cogpo.train.data.TokenizedPair;
import dev.cogalign.cogpo.train.loss.CompletionLogProbs;
import dev.cogalign.cogpo.train.loss.PairLogProbs;
import dev.cogalign.cogpo.train.loss.PreferenceLoss;
import dev.cogalign.cogpo.train.optim.Gradients;
import dev.cogalign.cogpo.train.reference.FrozenReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What a trainer replica does: a training thread computes gradients while a request thread scores
 * with another model (and the JVM collects garbage now and then). The gradients of a fixed batch
 * must come out the same every time. Before {@link dev.cogalign.cogpo.model.Scalars}, most of 30
 * repetitions differed, some with infinite or NaN norms.
 */
class GradientsWhileAnotherThreadScoresTest {

  private static final int ITERATIONS = 30;
  private static final int SCORES_PER_GC = 5;

  @Test
  void gradientsOfOneBatchStayTheSameWhileAnotherThreadScoresAndGarbageIsCollected()
      throws Exception {
    String name = "llama-tiny";
    List<TokenizedPair> pairs = GoldenPreferenceParityTest.goldenPairs(GoldenData.golden(name));
    PreferenceBatch batch = PreferenceBatch.of(pairs, TrainingRun.PAD_ID);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong scored = new AtomicLong();
    Thread other =
        new Thread(
            () -> {
              try (NoGrad ignored = NoGrad.enter();
                  NDManager m = NDManager.newBaseManager();
                  DecoderModel model = HfCheckpoint.load(SharedFixtures.hfTiny("qwen2-tiny"), m)) {
                CompletionScorer scorer = new CompletionScorer(model, 0, 4);
                List<PromptCompletion> rows =
                    List.of(
                        new PromptCompletion(new int[] {1, 2, 3}, new int[] {4, 5, 6, 7}),
                        new PromptCompletion(new int[] {1, 9}, new int[] {8, 7}));
                while (!stop.get()) {
                  scorer.score(rows);
                  if (scored.incrementAndGet() % SCORES_PER_GC == 0) {
                    System.gc();
                  }
                }
              }
            });
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
      List<String> differing = new ArrayList<>();
      other.start();
      try {
        computeRepeatedly(policy, batch, ref, parameters, manager, differing);
      } finally {
        stop.set(true);
        other.join();
      }
      assertThat(scored.get()).as("the other thread scored meanwhile").isPositive();
      assertThat(differing).as("iterations whose gradient norms differ from the first").isEmpty();
    }
  }

  private static void computeRepeatedly(
      DecoderModel policy,
      PreferenceBatch batch,
      NDList ref,
      Map<String, NDArray> parameters,
      NDManager manager,
      List<String> differing) {
    Map<String, Float> first = null;
    for (int it = 0; it < ITERATIONS; it++) {
      Gradients.zero(parameters);
      try (NDManager scope = manager.newSubManager();
          GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        SequenceBatch s = batch.sequences();
        NDArray logps =
            CompletionLogProbs.sums(policy, s, s.idsArray(scope), s.attentionMaskArray(scope));
        NDArray loss =
            new PreferenceLoss(0, 0)
                .compute(
                    new PairLogProbs(logps.get("0:4"), logps.get("4:"), ref.get(0), ref.get(1)),
                    batch.betas(),
                    batch.miniTasks(),
                    batch.chosenTokens())
                .loss();
        collector.backward(TrainingRun.weighted(loss, 1.0));
      }
      Map<String, Float> norms = new LinkedHashMap<>();
      for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
        try (NDArray g = e.getValue().getGradient();
            NDArray n = g.norm()) {
          norms.put(e.getKey(), n.getFloat());
        }
      }
      if (first == null) {
        first = norms;
      } else if (!norms.equals(first)) {
        differing.add(it + ": " + firstDifference(first, norms));
      }
    }
  }

  private static String firstDifference(Map<String, Float> first, Map<String, Float> norms) {
    for (String k : norms.keySet()) {
      if (!norms.get(k).equals(first.get(k))) {
        return k + " " + first.get(k) + " -> " + norms.get(k);
      }
    }
    return "";
  }
}
