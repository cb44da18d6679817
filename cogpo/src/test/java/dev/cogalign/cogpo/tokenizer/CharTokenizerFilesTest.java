package dev.cogalign.cogpo.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.cogpo.train.data.PromptFormat;
import dev.cogalign.cogpo.train.data.TokenizerTextEncoder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CharTokenizerFilesTest {

  static final String COT =
      "First, 17 + 5 = <<17+5=22>>22.\nNext, 22 * 2 = 44.\nHe has 44 - 3 = 41 apples.\n#### 41";

  @Test
  void encodesEveryCharacterAsItsOwnIdAndDecodesBackWithoutSpaces(@TempDir Path dir) {
    CharTokenizerFiles.write(dir);
    try (HfTokenizer tokenizer = HfTokenizer.load(dir)) {
      int[] ids = tokenizer.encode(COT);
      assertThat(ids).hasSize(COT.length());
      for (int i = 0; i < COT.length(); i++) {
        char c = COT.charAt(i);
        int expected = c == '\n' ? 98 : c - 32 + 3;
        assertThat(ids[i]).as("id of %s", c).isEqualTo(expected);
      }
      assertThat(tokenizer.decode(ids)).isEqualTo(COT);
      assertThat(tokenizer.encode("a b")).containsExactly(68, 3, 69);
      assertThat(tokenizer.decode(new int[] {1, 20, 21, 2})).isEqualTo("<bos>12<eos>");
    }
  }

  @Test
  void specialTokensHaveThePrototypesIds(@TempDir Path dir) {
    CharTokenizerFiles.write(dir);
    try (HfTokenizer tokenizer = HfTokenizer.load(dir)) {
      assertThat(CharTokenizerFiles.vocabSize()).isEqualTo(99);
      assertThat(tokenizer.padTokenId()).isZero();
      assertThat(tokenizer.bosTokenId()).hasValue(1);
      assertThat(tokenizer.eosTokenId()).hasValue(2);
      assertThat(tokenizer.stopTokenIds()).containsExactly(2);
      assertThat(tokenizer.encode("<bos>x<eos>")).containsExactly(1, 91, 2);
      assertThat(tokenizer.encode("~\n")).containsExactly(97, 98);
    }
  }

  @Test
  void chatTemplateOpensWithBosAndClosesTheAnswerWithEos(@TempDir Path dir) {
    CharTokenizerFiles.write(dir);
    try (HfTokenizer tokenizer = HfTokenizer.load(dir);
        TokenizerTextEncoder encoder = new TokenizerTextEncoder(dir, PromptFormat.AUTO)) {
      List<Map<String, Object>> user = List.of(Map.of("role", "user", "content", "Q?"));
      assertThat(tokenizer.applyChatTemplate(user, true)).isEqualTo("<bos>Q?\n");
      assertThat(encoder.format()).isEqualTo(PromptFormat.CHAT);
      int[] prompt = encoder.prompt("Tom has 17 apples.");
      assertThat(prompt[0]).isEqualTo(1);
      assertThat(prompt).endsWith(98).hasSize(1 + "Tom has 17 apples.".length() + 1);
      int[] completion = encoder.completion(COT);
      assertThat(completion).hasSize(COT.length() + 1).endsWith(2);
      assertThat(tokenizer.decode(completion)).isEqualTo(COT + "<eos>");
    }
  }
}
