package dev.cogalign.cogpo.tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A character-level Hugging Face tokenizer, as the miniature experiment's prototype has it
 * (reference/crv-miniature/common.py): {@code <pad>} 0, {@code <bos>} 1, {@code <eos>} 2, then
 * printable ASCII 32..126 and {@code "\n"}, one token each (99 in all).
 *
 * <p>The {@code tokenizer.json} is a BPE model without merges and without a pre-tokenizer (so each
 * character is its own token and spaces are tokens like any other) and a {@code Fuse} decoder,
 * which joins tokens without the space WordLevel decoding would put between them. Characters
 * outside the vocabulary are dropped on encoding (there is no unknown token, so the ids stay the
 * prototype's).
 *
 * <p>The chat template renders a user turn as {@code <bos>} + content + {@code "\n"}, adds nothing
 * for the generation prompt, and closes an assistant turn with {@code <eos>}: the prototype's
 * format, and the one a training job's CHAT format then uses.
 */
public final class CharTokenizerFiles {

  public static final String PAD = "<pad>";
  public static final String BOS = "<bos>";
  public static final String EOS = "<eos>";
  public static final int PAD_ID = 0;
  public static final int BOS_ID = 1;
  public static final int EOS_ID = 2;

  /** Context length written to tokenizer_config.json and the scratch student's config. */
  public static final int DEFAULT_MODEL_MAX_LENGTH = 512;

  /** User turn: {@code <bos>} + content + newline; assistant turn: content + {@code <eos>}. */
  public static final String CHAT_TEMPLATE =
      "{% for message in messages %}"
          + "{% if message['role'] == 'user' %}{{ bos_token }}{{ message['content'] }}\n"
          + "{% elif message['role'] == 'assistant' %}{{ message['content'] }}{{ eos_token }}"
          + "{% else %}{{ raise_exception('only user and assistant turns') }}"
          + "{% endif %}"
          + "{% endfor %}";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> TOKENS = tokenList();

  private CharTokenizerFiles() {}

  private static List<String> tokenList() {
    List<String> tokens = new ArrayList<>(List.of(PAD, BOS, EOS));
    for (char c = 32; c <= 126; c++) {
      tokens.add(String.valueOf(c));
    }
    tokens.add("\n");
    return Collections.unmodifiableList(tokens);
  }

  /** Every token, by id: the three special tokens, then the characters. */
  public static List<String> tokens() {
    return TOKENS;
  }

  /** Number of tokens (99). */
  public static int vocabSize() {
    return TOKENS.size();
  }

  /** Writes {@code tokenizer.json} and {@code tokenizer_config.json} into {@code dir}. */
  public static void write(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(HfTokenizer.TOKENIZER_FILE), pretty(tokenizerJson()));
      Files.writeString(dir.resolve(HfTokenizer.CONFIG_FILE), pretty(tokenizerConfig()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the character tokenizer to " + dir, e);
    }
  }

  private static ObjectNode tokenizerJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (int id = 0; id <= EOS_ID; id++) {
      added
          .addObject()
          .put("id", id)
          .put("content", TOKENS.get(id))
          .put("single_word", false)
          .put("lstrip", false)
          .put("rstrip", false)
          .put("normalized", false)
          .put("special", true);
    }
    root.putNull("normalizer");
    root.putNull("pre_tokenizer");
    root.putNull("post_processor");
    root.putObject("decoder").put("type", "Fuse");
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE");
    model.putNull("dropout");
    model.putNull("unk_token");
    model.putNull("continuing_subword_prefix");
    model.putNull("end_of_word_suffix");
    model.put("fuse_unk", false);
    model.put("byte_fallback", false);
    model.put("ignore_merges", false);
    ObjectNode vocab = model.putObject("vocab");
    for (int id = 0; id < TOKENS.size(); id++) {
      vocab.put(TOKENS.get(id), id);
    }
    model.putArray("merges");
    return root;
  }

  private static ObjectNode tokenizerConfig() {
    ObjectNode config = JSON.createObjectNode();
    config.put("tokenizer_class", "PreTrainedTokenizerFast");
    config.put("bos_token", BOS);
    config.put("eos_token", EOS);
    config.put("pad_token", PAD);
    config.putNull("unk_token");
    config.put("model_max_length", DEFAULT_MODEL_MAX_LENGTH);
    config.put("clean_up_tokenization_spaces", false);
    config.put("chat_template", CHAT_TEMPLATE);
    ObjectNode decoder = config.putObject("added_tokens_decoder");
    for (int id = 0; id <= EOS_ID; id++) {
      decoder
          .putObject(Integer.toString(id))
          .put("content", TOKENS.get(id))
          .put("lstrip", false)
          .put("normalized", false)
          .put("rstrip", false)
          .put("single_word", false)
          .put("special", true);
    }
    return config;
  }

  private static String pretty(ObjectNode node) {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
  }
}
