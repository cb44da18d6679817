package dev.cogalign.cogpo.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.cogpo.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class HfTokenizerTest {

  static final JsonNode GOLDEN =
      SharedFixtures.json(SharedFixtures.hfTiny("golden-tokenizer.json"));

  @ParameterizedTest
  @ValueSource(strings = {"tokenizer", "qwen2-tiny", "llama-tiny-policy"})
  void encodingsAndDecodingsEqualTransformers(String folder) {
    try (HfTokenizer tokenizer = HfTokenizer.load(SharedFixtures.hfTiny(folder))) {
      for (JsonNode sample : GOLDEN.path("encodings")) {
        int[] ids = tokenizer.encode(sample.path("text").asString());
        assertThat(ids).containsExactly(SharedFixtures.ints(sample.path("ids")));
        assertThat(tokenizer.decode(ids)).isEqualTo(sample.path("decoded").asString());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tokenizer", "qwen2-tiny"})
  void chatTemplateRendersAsTransformers(String folder) {
    JsonNode chat = GOLDEN.path("chat");
    List<Map<String, Object>> messages =
        List.of(
            Map.of(
                "role", chat.path("messages").get(0).path("role").asString(),
                "content", chat.path("messages").get(0).path("content").asString()));
    try (HfTokenizer tokenizer = HfTokenizer.load(SharedFixtures.hfTiny(folder))) {
      assertThat(tokenizer.applyChatTemplate(messages, true))
          .isEqualTo(chat.path("rendered").asString());
    }
  }

  @Test
  void specialTokensComeFromTokenizerConfigAndAreNotAddedToEncodings() {
    try (HfTokenizer tokenizer = HfTokenizer.load(SharedFixtures.hfTiny("tokenizer"))) {
      assertThat(tokenizer.stopTokenIds()).containsExactly(0);
      assertThat(tokenizer.padTokenId()).isZero();
      assertThat(tokenizer.bosTokenId()).isEmpty();
      assertThat(tokenizer.encode("<|im_start|>user")).startsWith(1);
      assertThat(tokenizer.encode("7")).hasSize(1);
    }
  }

  @Test
  void longTextIsNotTruncated() {
    try (HfTokenizer tokenizer = HfTokenizer.load(SharedFixtures.hfTiny("tokenizer"))) {
      String text = "Natalia sold 48 clips in May. ".repeat(200);
      assertThat(tokenizer.decode(tokenizer.encode(text))).isEqualTo(text);
    }
  }

  @Test
  void templateInTokenizerConfigWithTrimBlocksAndRaiseException(@TempDir Path dir)
      throws Exception {
    Path source = SharedFixtures.hfTiny("tokenizer");
    Files.copy(source.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
    String template =
        "{% for m in messages %}\n"
            + "{% if m['role'] == 'system' %}{{ raise_exception('no system role') }}{% endif %}\n"
            + "[{{ m['role'] }}] {{ m['content'] }}{{ eos_token }}\n"
            + "{% endfor %}";
    Files.writeString(
        dir.resolve("tokenizer_config.json"),
        SharedFixtures.JSON.writeValueAsString(
            Map.of("eos_token", "<|endoftext|>", "chat_template", template)));
    try (HfTokenizer tokenizer = HfTokenizer.load(dir)) {
      assertThat(
              tokenizer.applyChatTemplate(List.of(Map.of("role", "user", "content", "hi")), false))
          .isEqualTo("[user] hi<|endoftext|>\n");
      assertThatThrownBy(
              () ->
                  tokenizer.applyChatTemplate(
                      List.of(Map.of("role", "system", "content", "x")), false))
          .isInstanceOf(TokenizerException.class)
          .hasMessageContaining("no system role");
    }
  }

  @Test
  void missingTokenizerFileIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(() -> HfTokenizer.load(dir))
        .isInstanceOf(TokenizerException.class)
        .hasMessageContaining("missing tokenizer.json");
  }
}
