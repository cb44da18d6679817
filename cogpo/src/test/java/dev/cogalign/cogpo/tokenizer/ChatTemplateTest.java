package dev.cogalign.cogpo.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Qwen2.5-Instruct's own chat template renders as transformers renders it. */
class ChatTemplateTest {

  static ChatTemplate qwen() throws Exception {
    try (InputStream in =
        ChatTemplateTest.class.getResourceAsStream("/chat/qwen2.5-chat-template.jinja")) {
      return new ChatTemplate(
          new String(in.readAllBytes(), StandardCharsets.UTF_8),
          Map.of("eos_token", "<|im_end|>", "bos_token", ""));
    }
  }

  @Test
  void qwenTemplateAddsItsDefaultSystemTurnAndTheGenerationPrompt() throws Exception {
    String rendered =
        qwen().render(List.of(Map.of("role", "user", "content", "What is 2+3?")), true);
    assertThat(rendered)
        .isEqualTo(
            "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful"
                + " assistant.<|im_end|>\n<|im_start|>user\nWhat is 2+3?<|im_end|>\n"
                + "<|im_start|>assistant\n");
  }

  @Test
  void qwenTemplateKeepsAGivenSystemTurnAndAPreviousAnswer() throws Exception {
    String rendered =
        qwen()
            .render(
                List.of(
                    Map.of("role", "system", "content", "Think step by step."),
                    Map.of("role", "user", "content", "2+3?"),
                    Map.of("role", "assistant", "content", "5")),
                false);
    assertThat(rendered)
        .isEqualTo(
            "<|im_start|>system\nThink step by step.<|im_end|>\n<|im_start|>user\n2+3?<|im_end|>\n"
                + "<|im_start|>assistant\n5<|im_end|>\n");
  }
}
