package dev.cogalign.cogpo.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Hugging Face {@code tokenizer.json} through DJL's tokenizers binding, with the special tokens
 * and chat template of {@code tokenizer_config.json}.
 */
public final class HfTokenizer implements TextTokenizer {

  public static final String TOKENIZER_FILE = "tokenizer.json";
  public static final String CONFIG_FILE = "tokenizer_config.json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HuggingFaceTokenizer tokenizer;
  private final OptionalInt bos;
  private final OptionalInt eos;
  private final int pad;
  private final Optional<ChatTemplate> chatTemplate;

  private HfTokenizer(HuggingFaceTokenizer tokenizer, JsonNode config, Path dir) {
    this.tokenizer = tokenizer;
    this.bos = tokenId(config.path("bos_token"));
    this.eos = tokenId(config.path("eos_token"));
    this.pad = tokenId(config.path("pad_token")).orElse(eos.orElse(0));
    Map<String, Object> specials =
        Map.of(
            "bos_token", tokenText(config.path("bos_token")),
            "eos_token", tokenText(config.path("eos_token")));
    this.chatTemplate = ChatTemplate.fromFolder(dir, config, specials);
  }

  /** Loads {@code tokenizer.json} (required) and {@code tokenizer_config.json} (optional). */
  public static HfTokenizer load(Path dir) {
    Path file = dir.resolve(TOKENIZER_FILE);
    if (!Files.isRegularFile(file)) {
      throw new TokenizerException("missing " + TOKENIZER_FILE + " in " + dir);
    }
    Path configFile = dir.resolve(CONFIG_FILE);
    JsonNode config =
        Files.isRegularFile(configFile)
            ? JSON.readTree(configFile.toFile())
            : JSON.createObjectNode();
    try {
      HuggingFaceTokenizer tokenizer =
          HuggingFaceTokenizer.newInstance(
              file, Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
      return new HfTokenizer(tokenizer, config, dir);
    } catch (IOException | RuntimeException e) {
      throw new TokenizerException("cannot load " + file + ": " + e.getMessage(), e);
    }
  }

  private static String tokenText(JsonNode token) {
    if (token.isString()) {
      return token.asString();
    }
    return token.path("content").asString("");
  }

  private OptionalInt tokenId(JsonNode token) {
    String text = tokenText(token);
    if (text.isEmpty()) {
      return OptionalInt.empty();
    }
    long[] ids = tokenizer.encode(text, false, false).getIds();
    return ids.length == 1 ? OptionalInt.of((int) ids[0]) : OptionalInt.empty();
  }

  @Override
  public int[] encode(String text) {
    long[] ids = tokenizer.encode(text, false, false).getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = (int) ids[i];
    }
    return out;
  }

  @Override
  public String decode(int[] ids) {
    long[] longs = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      longs[i] = ids[i];
    }
    return tokenizer.decode(longs, false);
  }

  @Override
  public OptionalInt bosTokenId() {
    return bos;
  }

  @Override
  public OptionalInt eosTokenId() {
    return eos;
  }

  @Override
  public Set<Integer> stopTokenIds() {
    Set<Integer> stops = new LinkedHashSet<>();
    eos.ifPresent(stops::add);
    return stops;
  }

  @Override
  public int padTokenId() {
    return pad;
  }

  @Override
  public String applyChatTemplate(List<Map<String, Object>> messages, boolean addGenerationPrompt) {
    return chatTemplate
        .orElseThrow(() -> new TokenizerException("this tokenizer has no chat template"))
        .render(messages, addGenerationPrompt);
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
