package dev.cogalign.cogpo.checkpoint;

import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.model.DecoderModel;
import dev.cogalign.cogpo.tokenizer.HfTokenizer;
import dev.cogalign.cogpo.tokenizer.Llama2cTokenizer;
import dev.cogalign.cogpo.tokenizer.TextTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A model with its tokenizer and stop tokens, opened from a Hugging Face folder or a llama2.c
 * {@code .bin} file (with {@code tok512.bin} or {@code tokenizer.bin} beside it).
 *
 * @param model the weights
 * @param tokenizer its tokenizer
 * @param stopTokens tokens that end a generation (generation_config.json's and the tokenizer's)
 * @param source the folder or file it came from
 */
public record ModelBundle(
    DecoderModel model, TextTokenizer tokenizer, Set<Integer> stopTokens, Path source)
    implements AutoCloseable {

  public static final String GENERATION_CONFIG = "generation_config.json";

  public ModelBundle {
    stopTokens = Set.copyOf(stopTokens);
  }

  /** Opens either kind of checkpoint. */
  public static ModelBundle open(Path path, NDManager manager) {
    if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".bin")) {
      return openLlama2c(path, manager);
    }
    if (!Files.isDirectory(path)) {
      throw new MissingCheckpointFileException(
          path, "model (a Hugging Face folder or a llama2.c .bin file)");
    }
    DecoderModel model = HfCheckpoint.load(path, manager);
    try {
      HfTokenizer tokenizer = HfTokenizer.load(path);
      return new ModelBundle(model, tokenizer, stopTokens(path, tokenizer), path);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * The stop tokens of a Hugging Face folder: the tokenizer's end-of-sequence token and the {@code
   * eos_token_id} (one id or a list) of generation_config.json, else of config.json (if either
   * exists).
   */
  public static Set<Integer> stopTokens(Path dir, TextTokenizer tokenizer) {
    Set<Integer> stops = new LinkedHashSet<>(tokenizer.stopTokenIds());
    Path generation = dir.resolve(GENERATION_CONFIG);
    JsonNode eos =
        Files.isRegularFile(generation)
            ? SafetensorsFile.JSON.readTree(generation.toFile()).path("eos_token_id")
            : HfCheckpoint.isCheckpoint(dir)
                ? HfCheckpoint.readConfigJson(dir).path("eos_token_id")
                : SafetensorsFile.JSON.missingNode();
    if (eos.isNumber()) {
      stops.add(eos.asInt());
    } else if (eos.isArray()) {
      eos.forEach(id -> stops.add(id.asInt()));
    }
    return stops;
  }

  private static ModelBundle openLlama2c(Path file, NDManager manager) {
    Path dir = file.toAbsolutePath().getParent();
    Path tokenizerFile = dir.resolve("tok512.bin");
    if (!Files.isRegularFile(tokenizerFile)) {
      tokenizerFile = dir.resolve("tokenizer.bin");
    }
    if (!Files.isRegularFile(tokenizerFile)) {
      throw new MissingCheckpointFileException(
          dir.resolve("tok512.bin"), "llama2.c tokenizer (tok512.bin or tokenizer.bin)");
    }
    DecoderModel model = Llama2cCheckpoint.load(file, manager);
    Llama2cTokenizer tokenizer = Llama2cTokenizer.load(tokenizerFile, model.config().vocabSize());
    return new ModelBundle(model, tokenizer, tokenizer.stopTokenIds(), file);
  }

  /** True for a llama2.c checkpoint, whose prompts start with BOS. */
  public boolean prependsBos() {
    return tokenizer instanceof Llama2cTokenizer;
  }

  @Override
  public void close() {
    tokenizer.close();
    model.close();
  }
}
