package dev.cogalign.cogpo.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.cogpo.SharedFixtures;
import dev.cogalign.cogpo.tokenizer.CharTokenizerFiles;
import dev.cogalign.cogpo.tokenizer.HfTokenizer;
import dev.cogalign.cogpo.train.InvalidTrainingConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
      // qwen2-tiny stops at <|endoftext|> (0) only, so the end-of-sequence token follows the turn
      assertThat(encoder.completion("5"))
          .isEqualTo(tokenizer.encode("5<|im_end|>\n<|endoftext|>"))
          .endsWith(0);
    }
  }

  @Test
  void chatFormatKeepsAClosingThatHoldsAStopTokenOfTheModel(@TempDir Path dir) throws Exception {
    Path source = SharedFixtures.hfTiny("qwen2-tiny");
    for (String name : List.of("tokenizer.json", "tokenizer_config.json", "chat_template.jinja")) {
      Files.copy(source.resolve(name), dir.resolve(name));
    }
    try (HfTokenizer tokenizer = HfTokenizer.load(source)) {
      int imEnd = tokenizer.encode("<|im_end|>")[0];
      Files.writeString(
          dir.resolve("generation_config.json"), "{\"eos_token_id\": [" + imEnd + ", 0]}");
      try (TokenizerTextEncoder encoder = new TokenizerTextEncoder(dir, PromptFormat.CHAT)) {
        assertThat(encoder.completion("5")).isEqualTo(tokenizer.encode("5<|im_end|>\n"));
      }
    }
  }

  @Test
  void rawFormatTokenizesTextAsItIsAndAppendsTheEndOfSequenceToken() {
    try (TokenizerTextEncoder encoder =
            new TokenizerTextEncoder(SharedFixtures.hfTiny("qwen2-tiny"), PromptFormat.RAW);
        HfTokenizer tokenizer = HfTokenizer.load(SharedFixtures.hfTiny("qwen2-tiny"))) {
      assertThat(encoder.prompt("Question: 2+3?")).isEqualTo(tokenizer.encode("Question: 2+3?"));
      assertThat(encoder.completion(" 5")).isEqualTo(tokenizer.encode(" 5<|endoftext|>"));
      assertThat(encoder.completion(" 5<|endoftext|>"))
          .isEqualTo(tokenizer.encode(" 5<|endoftext|>"));
    }
  }

  @Test
  void characterStudentsCompletionsEndWithEosInEveryFormat(@TempDir Path dir) {
    CharTokenizerFiles.write(dir);
    for (PromptFormat format : List.of(PromptFormat.RAW, PromptFormat.CHAT, PromptFormat.AUTO)) {
      try (TokenizerTextEncoder encoder = new TokenizerTextEncoder(dir, format)) {
        assertThat(encoder.completion("#### 41")).as(format.name()).hasSize(8).endsWith(2);
      }
    }
  }

  @Test
  void textCompletionsAreRefusedWhenTheTokenizerHasNoEndOfSequenceToken(@TempDir Path dir)
      throws Exception {
    Files.copy(
        SharedFixtures.hfTiny("tokenizer").resolve("tokenizer.json"),
        dir.resolve("tokenizer.json"));
    Files.writeString(dir.resolve("tokenizer_config.json"), "{}");
    try (TokenizerTextEncoder encoder = new TokenizerTextEncoder(dir, PromptFormat.RAW)) {
      assertThat(encoder.prompt("2+3?")).isNotEmpty();
      assertThatThrownBy(() -> encoder.completion(" 5"))
          .isInstanceOf(InvalidTrainingConfigException.class)
          .hasMessageContaining(dir.toString())
          .hasMessageContaining("no end-of-sequence token");
    }
  }
}
