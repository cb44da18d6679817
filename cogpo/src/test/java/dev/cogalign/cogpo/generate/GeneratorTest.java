package dev.cogalign.cogpo.generate;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.SharedFixtures;
import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import dev.cogalign.cogpo.model.DecoderModel;
import dev.cogalign.cogpo.model.EngineThreads;
import dev.cogalign.cogpo.model.ModelConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class GeneratorTest {

  static NDManager manager;
  static DecoderModel qwen;

  @BeforeAll
  static void load() {
    manager = NDManager.newBaseManager();
    qwen = HfCheckpoint.load(SharedFixtures.hfTiny("qwen2-tiny"), manager);
  }

  @AfterAll
  static void close() {
    qwen.close();
    manager.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"qwen2-tiny", "llama-tiny"})
  void greedyGenerationEqualsTransformers(String name) {
    JsonNode golden = SharedFixtures.json(SharedFixtures.hfTiny("golden-" + name + ".json"));
    int[] prompt = SharedFixtures.ints(golden.path("greedy_prompt"));
    int[] expected = SharedFixtures.ints(golden.path("greedy_output"));
    try (DecoderModel model = HfCheckpoint.load(SharedFixtures.hfTiny(name), manager)) {
      for (boolean cache : new boolean[] {true, false}) {
        int[] fresh =
            new Generator(model).generate(prompt, GenerationConfig.greedy(16).withCache(cache));
        assertThat(concat(prompt, fresh)).as("cache " + cache).containsExactly(expected);
      }
    }
  }

  @Test
  void decodesASinglePromptOfASmallModelOnOneThreadAndGivesTheCallerItsThreadsBack() {
    int before = EngineThreads.current();
    ModelConfig large =
        ModelConfig.builder()
            .vocabSize(8)
            .hiddenSize(1024)
            .intermediateSize(1025)
            .numLayers(1)
            .numHeads(8)
            .numKvHeads(8)
            .build();
    Generator generator = new Generator(qwen);

    assertThat(generator.decodesOnOneThread(1)).isTrue();
    assertThat(generator.decodesOnOneThread(2)).isFalse();
    try (DecoderModel model = DecoderModel.create(large, manager)) {
      assertThat(new Generator(model).decodesOnOneThread(1)).isFalse();
    }
    int callerThreadsAfter =
        EngineThreads.during( // a caller on two threads
            2,
            () -> {
              generator.generate(new int[] {35, 275, 81}, GenerationConfig.greedy(4));
              return EngineThreads.current();
            });
    assertThat(callerThreadsAfter).isEqualTo(2);
    assertThat(EngineThreads.current()).isEqualTo(before);
  }

  @Test
  void cachedAndUncachedDecodingAgreeOnALeftPaddedBatch() {
    List<int[]> prompts = List.of(new int[] {35, 275, 81, 316, 314, 408, 269}, new int[] {44, 358});
    GenerationConfig config = GenerationConfig.greedy(12);
    Generator generator = new Generator(qwen);
    List<int[]> cached = generator.generate(prompts, config);
    List<int[]> uncached = generator.generate(prompts, config.withCache(false));
    assertThat(cached.get(0)).hasSize(12).containsExactly(uncached.get(0));
    assertThat(cached.get(1)).hasSize(12).containsExactly(uncached.get(1));
  }

  @Test
  void leftPaddedBatchGivesTheSameTokensAsEachPromptAlone() {
    int[] longer = {35, 275, 81, 316, 314, 408, 269};
    int[] shorter = {44, 358};
    GenerationConfig config = GenerationConfig.greedy(10).withPadTokenId(0);
    Generator generator = new Generator(qwen);
    List<int[]> batch = generator.generate(List.of(longer, shorter), config);
    assertThat(batch.get(0)).containsExactly(generator.generate(longer, config));
    assertThat(batch.get(1)).containsExactly(generator.generate(shorter, config));
  }

  @Test
  void seededSamplingIsReproducibleAndDependsOnTheSeed() {
    int[] prompt = {35, 275, 81};
    Generator generator = new Generator(qwen);
    GenerationConfig seeded = GenerationConfig.greedy(20).withSampling(1.0, 0.9, 7);
    int[] first = generator.generate(prompt, seeded);
    int[] again = generator.generate(prompt, seeded);
    int[] otherSeed = generator.generate(prompt, seeded.withSampling(1.0, 0.9, 8));
    int[] greedy = generator.generate(prompt, GenerationConfig.greedy(20));
    assertThat(first).hasSize(20).containsExactly(again);
    assertThat(Arrays.equals(first, otherSeed)).isFalse();
    assertThat(Arrays.equals(first, greedy)).isFalse();
  }

  @Test
  void tinyTopPKeepsOnlyTheMostLikelyTokenAndMatchesGreedy() {
    int[] prompt = {35, 275, 81};
    Generator generator = new Generator(qwen);
    int[] nucleus =
        generator.generate(prompt, GenerationConfig.greedy(10).withSampling(0.7, 1e-6, 3));
    assertThat(nucleus).containsExactly(generator.generate(prompt, GenerationConfig.greedy(10)));
  }

  @Test
  void stopsAfterAStopTokenAndRespectsTheBudget() {
    int[] prompt = {35, 275, 81};
    Generator generator = new Generator(qwen);
    int[] free = generator.generate(prompt, GenerationConfig.greedy(8));
    assertThat(free).hasSize(8);
    int stop = free[3];
    int firstStop =
        IntStream.range(0, free.length).filter(i -> free[i] == stop).findFirst().getAsInt();
    int[] stopped =
        generator.generate(prompt, GenerationConfig.greedy(8).withStopTokens(Set.of(stop)));
    assertThat(stopped).containsExactly(Arrays.copyOf(free, firstStop + 1));
    assertThat(generator.generate(prompt, GenerationConfig.greedy(0))).isEmpty();
  }

  static int[] concat(int[] a, int[] b) {
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
