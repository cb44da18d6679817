package dev.cogalign.cogpo.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.SharedFixtures;
import dev.cogalign.cogpo.generate.GenerationConfig;
import dev.cogalign.cogpo.generate.Generator;
import dev.cogalign.cogpo.tokenizer.Llama2cTokenizer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The pretrained stories260K model reproduces llama2.c's known greedy story. */
class Llama2cCheckpointTest {

  static final Path MODEL = SharedFixtures.shared().resolve("models/stories260K/stories260K.bin");
  static final String STORY =
      "Once upon a time, there was a little girl named Lily. She loved to play outside in the park";

  @Test
  void readsTheHeaderAsALlamaConfig() {
    var config = Llama2cCheckpoint.readConfig(MODEL);
    assertThat(config.hiddenSize()).isEqualTo(64);
    assertThat(config.intermediateSize()).isEqualTo(172);
    assertThat(config.numLayers()).isEqualTo(5);
    assertThat(config.numHeads()).isEqualTo(8);
    assertThat(config.numKvHeads()).isEqualTo(4);
    assertThat(config.vocabSize()).isEqualTo(512);
    assertThat(config.tieWordEmbeddings()).isTrue();
  }

  @Test
  void greedyFromTheEmptyPromptTellsTheKnownStory() {
    try (NDManager manager = NDManager.newBaseManager();
        ModelBundle bundle = ModelBundle.open(MODEL, manager)) {
      int[] prompt = {Llama2cTokenizer.BOS};
      int[] story =
          new Generator(bundle.model())
              .generate(prompt, GenerationConfig.greedy(40).withStopTokens(bundle.stopTokens()));
      String text = bundle.tokenizer().decodeContinuation(prompt, story);
      assertThat(text).startsWith(STORY);
    }
  }

  @Test
  void tokenizerEncodesWithTheDummyPrefixAndRoundTrips() {
    try (Llama2cTokenizer tokenizer =
        Llama2cTokenizer.load(MODEL.resolveSibling("tok512.bin"), 512)) {
      int[] ids = tokenizer.encode(STORY);
      assertThat(ids.length).isLessThan(STORY.length() / 2);
      assertThat(tokenizer.decode(ids)).isEqualTo(STORY);
      assertThat(tokenizer.decode(tokenizer.encode("naïve ☃"))).isEqualTo("naïve ☃");
      assertThat(tokenizer.encode("")).isEmpty();
    }
  }
}
