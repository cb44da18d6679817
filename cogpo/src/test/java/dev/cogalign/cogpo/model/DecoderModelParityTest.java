package dev.cogalign.cogpo.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.SharedFixtures;
import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Golden parity with transformers on the tiny Qwen2 and Llama fixtures (float32, CPU). */
class DecoderModelParityTest {

  static final double TOLERANCE = 1e-4;

  @ParameterizedTest
  @ValueSource(strings = {"qwen2-tiny", "llama-tiny"})
  void logitsMatchTransformersWithinTolerance(String name) {
    JsonNode golden = SharedFixtures.json(SharedFixtures.hfTiny("golden-" + name + ".json"));
    try (NDManager manager = NDManager.newBaseManager();
        DecoderModel model = HfCheckpoint.load(SharedFixtures.hfTiny(name), manager)) {
      double maxDiff =
          SharedFixtures.maxLogitDiff(
              model, golden.path("logits_input_ids"), golden.path("logits"), manager);
      System.out.printf("%s logits max abs diff %.3g%n", name, maxDiff);
      assertThat(maxDiff).isLessThan(TOLERANCE);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"qwen2-tiny", "llama-tiny"})
  void completionLogProbsOfReferenceAndPolicyMatchTransformers(String name) {
    JsonNode golden = SharedFixtures.json(SharedFixtures.hfTiny("golden-" + name + ".json"));
    try (NDManager manager = NDManager.newBaseManager();
        DecoderModel ref = HfCheckpoint.load(SharedFixtures.hfTiny(name), manager);
        DecoderModel policy = HfCheckpoint.load(SharedFixtures.hfTiny(name + "-policy"), manager)) {
      double maxDiff = 0;
      for (JsonNode pair : golden.path("pairs")) {
        for (String side : new String[] {"chosen", "rejected"}) {
          long[] prompt = SharedFixtures.longs(pair.path("prompt"));
          long[] completion = SharedFixtures.longs(pair.path(side));
          maxDiff =
              Math.max(
                  maxDiff,
                  Math.abs(
                      logp(ref, prompt, completion, manager)
                          - pair.path("ref_" + side + "_logp").asDouble()));
          maxDiff =
              Math.max(
                  maxDiff,
                  Math.abs(
                      logp(policy, prompt, completion, manager)
                          - pair.path("policy_" + side + "_logp").asDouble()));
        }
      }
      System.out.printf("%s completion log-prob max abs diff %.3g%n", name, maxDiff);
      assertThat(maxDiff).isLessThan(TOLERANCE);
    }
  }

  private static double logp(DecoderModel model, long[] prompt, long[] completion, NDManager m) {
    try (NDManager scope = m.newSubManager()) {
      long[] ids = new long[prompt.length + completion.length];
      System.arraycopy(prompt, 0, ids, 0, prompt.length);
      System.arraycopy(completion, 0, ids, prompt.length, completion.length);
      long[] mask =
          IntStream.range(0, ids.length).mapToLong(i -> i >= prompt.length ? 1 : 0).toArray();
      NDArray sums =
          model.completionLogProbs(
              scope.create(new long[][] {ids}), null, scope.create(new long[][] {mask}));
      return sums.getDouble(0);
    }
  }
}
