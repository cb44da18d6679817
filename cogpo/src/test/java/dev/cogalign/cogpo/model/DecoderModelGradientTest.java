package dev.cogalign.cogpo.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.cogalign.cogpo.SharedFixtures;
import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import dev.cogalign.cogpo.score.PromptCompletion;
import dev.cogalign.cogpo.score.TokenBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The model is differentiable as the training engine needs it: the CogPO loss of the golden pairs,
 * computed on one right-padded batch of all chosen and rejected sequences, and every parameter's
 * gradient norm match transformers.
 */
class DecoderModelGradientTest {

  @ParameterizedTest
  @ValueSource(strings = {"qwen2-tiny", "llama-tiny"})
  void paddedBatchLossAndGradientNormsMatchTransformers(String name) {
    JsonNode golden = SharedFixtures.json(SharedFixtures.hfTiny("golden-" + name + ".json"));
    JsonNode pairs = golden.path("pairs");
    int n = pairs.size();
    List<PromptCompletion> rows = new ArrayList<>();
    double[] refDelta = new double[n];
    double[] betas = new double[n];
    for (String side : new String[] {"chosen", "rejected"}) {
      for (JsonNode p : pairs) {
        rows.add(
            new PromptCompletion(
                SharedFixtures.ints(p.path("prompt")), SharedFixtures.ints(p.path(side))));
      }
    }
    for (int i = 0; i < n; i++) {
      JsonNode p = pairs.get(i);
      refDelta[i] = (p.path("ref_chosen_logp").asDouble() - p.path("ref_rejected_logp").asDouble());
      betas[i] = p.path("beta").asDouble();
    }
    TokenBatch batch = TokenBatch.rightPadded(rows, 0);
    try (NDManager manager = NDManager.newBaseManager();
        DecoderModel policy = HfCheckpoint.load(SharedFixtures.hfTiny(name + "-policy"), manager);
        NDManager step = manager.newSubManager()) {
      policy.setTrainable(true);
      double loss;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray lossArray = cogpoLoss(policy, batch, refDelta, betas, step);
        loss = lossArray.getDouble();
        collector.backward(lossArray);
      }
      assertThat(loss)
          .isCloseTo(
              golden.path("cogpo_loss").asDouble(),
              org.assertj.core.data.Percentage.withPercentage(1e-3));
      double worst = 0;
      for (Map.Entry<String, JsonNode> e : golden.path("grad_norms").properties()) {
        Parameter p = policy.parameter(e.getKey());
        double norm = p.getArray().getGradient().norm().getFloat();
        worst = Math.max(worst, Math.abs(norm - e.getValue().asDouble()) / e.getValue().asDouble());
      }
      System.out.printf(
          "%s loss %.7f (golden %.7f), worst grad-norm rel diff %.3g%n",
          name, loss, golden.path("cogpo_loss").asDouble(), worst);
      assertThat(golden.path("grad_norms").size()).isEqualTo(policy.namedParameters().size());
      assertThat(worst).isLessThan(1e-4);

      // one plain SGD step, in place, outside the collector
      for (Parameter p : policy.namedParameters().values()) {
        p.getArray().subi(p.getArray().getGradient().mul(0.1));
      }
      double after = cogpoLoss(policy, batch, refDelta, betas, step).getDouble();
      System.out.printf(
          "%s loss after SGD %.7f (golden %.7f)%n",
          name, after, golden.path("cogpo_loss_after_sgd_0.1").asDouble());
      assertThat(after).isCloseTo(golden.path("cogpo_loss_after_sgd_0.1").asDouble(), within(1e-4));
    }
  }

  /** mean_i -log sigmoid(beta_i * (policy delta_i - reference delta_i)), as -softplus(-x). */
  private static NDArray cogpoLoss(
      DecoderModel policy, TokenBatch batch, double[] refDelta, double[] betas, NDManager step) {
    int n = betas.length;
    NDArray logps =
        policy.completionLogProbs(
            batch.inputIds(step), batch.attentionMask(step), batch.completionMask(step)); // (2N)
    NDArray chosen = logps.get("0:" + n);
    NDArray rejected = logps.get(n + ":");
    NDArray z = chosen.sub(rejected).sub(step.create(refDelta)).mul(step.create(betas));
    return Activation.softPlus(z.neg()).mean();
  }
}
