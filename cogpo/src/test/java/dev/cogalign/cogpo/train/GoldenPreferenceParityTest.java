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
import dev.cogalign.cogpo.train.data.TokenizedExample;
import dev.cogalign.cogpo.train.data.TokenizedPair;
import dev.cogalign.cogpo.train.loss.CompletionLogProbs;
import dev.cogalign.cogpo.train.loss.PairLogProbs;
import dev.cogalign.cogpo.train.loss.PreferenceLoss;
import dev.cogalign.cogpo.train.loss.SftLoss;
import dev.cogalign.cogpo.train.optim.Sgd;
import dev.cogalign.cogpo.train.reference.FrozenReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The CogPO loss, its label-smoothed form, every parameter's gradient norm and the loss after one
 * plain SGD step, against transformers (make_fixtures.py beside the fixtures): policy = the {@code
 * -policy} folder, reference = the plain folder, the four golden pairs with betas 0.1, 0.5, 1, 2,
 * ids concatenated as prompt + completion with no EOS, all four in one padded batch.
 */
class GoldenPreferenceParityTest {

  static final double LOSS_TOLERANCE = 1e-5;
  static final double GRAD_TOLERANCE = 1e-4;
  static final double SGD_TOLERANCE = 1e-4;

  static List<TokenizedPair> goldenPairs(JsonNode golden) {
    List<TokenizedPair> pairs = new ArrayList<>();
    for (JsonNode p : golden.path("pairs")) {
      pairs.add(
          new TokenizedPair(
              SharedFixtures.ints(p.path("prompt")),
              SharedFixtures.ints(p.path("chosen")),
              SharedFixtures.ints(p.path("rejected")),
              p.path("beta").asDouble(),
              null));
    }
    return pairs;
  }

  private static double relative(double actual, double expected) {
    return Math.abs(actual - expected) / Math.abs(expected);
  }

  /** The CogPO loss of the pairs under {@code policy}, differentiable when inside a collector. */
  private static NDArray loss(
      DecoderModel policy,
      PreferenceBatch batch,
      NDList reference,
      double labelSmoothing,
      NDManager scope) {
    SequenceBatch s = batch.sequences();
    int n = batch.pairs();
    NDArray logps =
        CompletionLogProbs.sums(policy, s, s.idsArray(scope), s.attentionMaskArray(scope));
    return new PreferenceLoss(labelSmoothing, 0)
        .compute(
            new PairLogProbs(
                logps.get("0:" + n), logps.get(n + ":"), reference.get(0), reference.get(1)),
            batch.betas(),
            batch.miniTasks(),
            batch.chosenTokens())
        .loss();
  }

  @ParameterizedTest
  @ValueSource(strings = {"qwen2-tiny", "llama-tiny"})
  void cogpoLossGradientsAndSgdStepMatchTransformers(String name) {
    JsonNode golden = SharedFixtures.json(SharedFixtures.hfTiny("golden-" + name + ".json"));
    List<TokenizedPair> pairs = goldenPairs(golden);
    PreferenceBatch batch = PreferenceBatch.of(pairs, 0);
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

      double cogpo;
      try (NDManager scope = manager.newSubManager();
          GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray l = loss(policy, batch, ref, 0, scope);
        collector.backward(l);
        cogpo = l.getFloat();
      }
      double smoothed;
      try (NDManager scope = manager.newSubManager()) {
        smoothed = loss(policy, batch, ref, 0.1, scope).getFloat();
      }
      double lossError = relative(cogpo, golden.path("cogpo_loss").asDouble());
      double smoothedError =
          relative(smoothed, golden.path("cogpo_loss_label_smoothing_0.1").asDouble());

      JsonNode goldenNorms = golden.path("grad_norms");
      assertThat(parameters.keySet())
          .containsExactlyInAnyOrderElementsOf(() -> goldenNorms.propertyNames().iterator());
      double worstGrad = 0;
      String worstName = null;
      for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
        double norm;
        try (NDArray g = e.getValue().getGradient();
            NDArray n = g.norm()) {
          norm = n.getFloat();
        }
        double err = relative(norm, goldenNorms.path(e.getKey()).asDouble());
        if (err > worstGrad) {
          worstGrad = err;
          worstName = e.getKey();
        }
      }

      new Sgd().step(parameters, 0.1);
      double after;
      try (NDManager scope = manager.newSubManager()) {
        after = loss(policy, batch, ref, 0, scope).getFloat();
      }
      double sgdError = relative(after, golden.path("cogpo_loss_after_sgd_0.1").asDouble());

      System.out.printf(
          "%s golden relative errors: cogpo loss %.2e, label-smoothed %.2e, worst gradient norm"
              + " %.2e (%s), loss after SGD %.2e%n",
          name, lossError, smoothedError, worstGrad, worstName, sgdError);
      assertThat(lossError).isLessThan(LOSS_TOLERANCE);
      assertThat(smoothedError).isLessThan(LOSS_TOLERANCE);
      assertThat(worstGrad).as("worst: " + worstName).isLessThan(GRAD_TOLERANCE);
      assertThat(sgdError).isLessThan(SGD_TOLERANCE);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"qwen2-tiny", "llama-tiny"})
  void sftMeanNllOfReferenceOnChosenMatchesTransformers(String name) {
    JsonNode golden = SharedFixtures.json(SharedFixtures.hfTiny("golden-" + name + ".json"));
    List<TokenizedExample> rows = goldenPairs(golden).stream().map(TokenizedPair::chosen).toList();
    SequenceBatch s = SequenceBatch.of(rows, 0);
    try (NDManager manager = NDManager.newBaseManager();
        DecoderModel reference = HfCheckpoint.load(SharedFixtures.hfTiny(name), manager)) {
      double nll =
          SftLoss.compute(
                  CompletionLogProbs.sums(
                      reference, s, s.idsArray(manager), s.attentionMaskArray(manager)),
                  s.scoredTokens())
              .loss()
              .getFloat();
      double error = relative(nll, golden.path("sft_mean_nll_ref_chosen").asDouble());
      System.out.printf("%s golden relative error: SFT mean NLL %.2e%n", name, error);
      assertThat(error).isLessThan(LOSS_TOLERANCE);
    }
  }
}
