package dev.cogalign.cogpo.train.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.cogpo.SharedFixtures;
import dev.cogalign.cogpo.tokenizer.HfTokenizer;
import org.junit.jupiter.api.Test;

class TokenizerTextEncoderTest {

  @Test
  void chatFormatWrapsThePromptInAUserTurnAndClosesTheCompletionWithEndOfTurn() {
    try (TokenizerTextEncoder encoder =
            new TokenizerTextEncoder(SharedFixtures.hfTiny("qwen2-tiny"), PromptFormat.AUTO);
        HfTokenizer tokenizer = HfTokenizer.load(SharedFixtures.hfTiny("qwen2-tiny"))) {
      assertThat(encoder.format()).isEqualTo(PromptFormat.CHAT);
      String rendered =
          SharedFixtures.json(SharedFixtures.hfTiny("golden-tokenizer.json"))
              .path("chat")
              .path("rendered")
              .asString();
      assertThat(encoder.promptText("What is 2+3?")).isEqualTo(rendered);
      assertThat(encoder.prompt("What is 2+3?")).isEqualTo(tokenizer.encode(rendered));
      assertThat(encoder.completion("5")).isEqualTo(tokenizer.encode("5<|im_end|>\n"));
    }
  }

  @Test
  void rawFormatTokenizesTextAsItIs() {
    try (TokenizerTextEncoder encoder =
            new TokenizerTextEncoder(SharedFixtures.hfTiny("qwen2-tiny"), PromptFormat.RAW);
        HfTokenizer tokenizer = HfTokenizer.load(SharedFixtures.hfTiny("qwen2-tiny"))) {
      assertThat(encoder.prompt("Question: 2+3?")).isEqualTo(tokenizer.encode("Question: 2+3?"));
      assertThat(encoder.completion(" 5")).isEqualTo(tokenizer.encode(" 5"));
    }
  }
}
