package dev.cogalign.serviceweb.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {
  @Test
  void acceptsOrdinaryTextEmojiAndNull() {
    assertThat(StorableText.problem("Natalia sold 48 clips 😀 é")).isEmpty();
    assertThat(StorableText.problem(null)).isEmpty();
  }

  @Test
  void refusesTheNulCharacterNamingWhereItIs() {
    assertThat(StorableText.problem("a\u0000b"))
        .hasValueSatisfying(p -> assertThat(p).contains("NUL").contains("index 1"));
  }

  @Test
  void refusesLoneSurrogates() {
    assertThat(StorableText.problem("a\ud800b"))
        .hasValueSatisfying(p -> assertThat(p).contains("surrogate"));
    assertThat(StorableText.problem("\udc00")).isPresent();
    assertThat(StorableText.problem("end\ud83d")).isPresent();
  }
}
