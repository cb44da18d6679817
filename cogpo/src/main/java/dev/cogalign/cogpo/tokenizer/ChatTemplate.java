package dev.cogalign.cogpo.tokenizer;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A Hugging Face chat template rendered with Jinjava, set up as transformers sets up Jinja2 ({@code
 * trim_blocks} and {@code lstrip_blocks} on, {@code raise_exception} defined).
 */
public final class ChatTemplate {

  public static final String TEMPLATE_FILE = "chat_template.jinja";

  private final String source;
  private final Map<String, Object> specialTokens;
  private final Jinjava jinjava;

  public ChatTemplate(String source, Map<String, Object> specialTokens) {
    this.source = source;
    this.specialTokens = Map.copyOf(specialTokens);
    this.jinjava =
        new Jinjava(
            JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withLegacyOverrides( // {{- and -}} trim as in Jinja
                    LegacyOverrides.newBuilder()
                        .withUseTrimmingForNotesAndExpressions(true)
                        .build())
                .build());
    jinjava
        .getGlobalContext()
        .registerFunction(
            new ELFunctionDefinition(
                "", "raise_exception", ChatTemplate.class, "raiseException", String.class));
  }

  /**
   * The template of a folder: {@code chat_template.jinja}, else {@code chat_template} in
   * tokenizer_config.json (a string, or a list of named templates of which "default" is used).
   */
  public static Optional<ChatTemplate> fromFolder(
      Path dir, JsonNode tokenizerConfig, Map<String, Object> specialTokens) {
    Path file = dir.resolve(TEMPLATE_FILE);
    try {
      if (Files.isRegularFile(file)) {
        return Optional.of(new ChatTemplate(Files.readString(file), specialTokens));
      }
    } catch (IOException e) {
      throw new TokenizerException("cannot read " + file, e);
    }
    JsonNode template = tokenizerConfig.path("chat_template");
    if (template.isString()) {
      return Optional.of(new ChatTemplate(template.asString(), specialTokens));
    }
    if (template.isArray()) {
      for (JsonNode named : template) {
        if (named.path("name").asString("").equals("default")) {
          return Optional.of(new ChatTemplate(named.path("template").asString(), specialTokens));
        }
      }
    }
    return Optional.empty();
  }

  /** Called by templates that reject their input. */
  public static String raiseException(String message) {
    throw new TokenizerException("chat template: " + message);
  }

  public String source() {
    return source;
  }

  /** Renders the messages; fails with the template's own error messages. */
  public String render(List<Map<String, Object>> messages, boolean addGenerationPrompt) {
    Map<String, Object> context = new HashMap<>(specialTokens);
    context.put("messages", messages);
    context.put("add_generation_prompt", addGenerationPrompt);
    RenderResult result = jinjava.renderForResult(source, context);
    if (!result.getErrors().isEmpty()
        && result.getErrors().stream().anyMatch(e -> e.getSeverity().name().equals("FATAL"))) {
      throw new TokenizerException("chat template failed: " + result.getErrors());
    }
    return result.getOutput();
  }
}
