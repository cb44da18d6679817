package dev.cogalign.cogpo.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.cogalign.cogpo.model.DecoderModel;
import dev.cogalign.cogpo.model.ModelConfig;
import dev.cogalign.cogpo.model.TensorMismatchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * A Hugging Face model folder: {@code config.json} plus {@code model.safetensors} or shards listed
 * in {@code model.safetensors.index.json}.
 */
public final class HfCheckpoint {

  public static final String CONFIG = "config.json";
  public static final String WEIGHTS = "model.safetensors";
  public static final String INDEX = "model.safetensors.index.json";

  /** Files copied beside the weights so that a saved folder is complete. */
  public static final List<String> TOKENIZER_FILES =
      List.of(
          "tokenizer.json",
          "tokenizer_config.json",
          "chat_template.jinja",
          "special_tokens_map.json",
          "generation_config.json");

  private HfCheckpoint() {}

  /** True when the folder looks like a Hugging Face checkpoint. */
  public static boolean isCheckpoint(Path dir) {
    return Files.isRegularFile(dir.resolve(CONFIG));
  }

  /** The folder's config.json as JSON. */
  public static JsonNode readConfigJson(Path dir) {
    Path file = dir.resolve(CONFIG);
    if (!Files.isRegularFile(file)) {
      throw new MissingCheckpointFileException(file, CONFIG);
    }
    try {
      return SafetensorsFile.JSON.readTree(file.toFile());
    } catch (RuntimeException e) {
      throw new CheckpointException(file, "malformed config.json: " + e.getMessage(), e);
    }
  }

  /** The folder's model config. */
  public static ModelConfig readConfig(Path dir) {
    return HfConfig.read(readConfigJson(dir));
  }

  /** Loads the model in float32 into a sub-manager of {@code parent}. */
  public static DecoderModel load(Path dir, NDManager parent) {
    ModelConfig config = readConfig(dir);
    DecoderModel model = DecoderModel.create(config, parent);
    try {
      for (Path shard : shards(dir)) {
        try (SafetensorsFile file = SafetensorsFile.open(shard)) {
          for (SafetensorsFile.Entry e : file.entries().values()) {
            if (ignored(e.name(), config)) {
              continue;
            }
            if (!e.shape().equals(model.expectedShape(e.name()))) { // checked before reading
              throw new TensorMismatchException(
                  e.name(),
                  "shape "
                      + e.shape()
                      + " in "
                      + shard.getFileName()
                      + " does not match the expected "
                      + model.expectedShape(e.name()));
            }
            NDArray value = file.load(e.name(), model.manager());
            model.setWeight(e.name(), value, e.dtype().name());
          }
        }
      }
      List<String> missing = model.unsetWeights();
      if (!missing.isEmpty()) {
        throw new TensorMismatchException(
            missing.get(0), "missing from " + dir + " (all missing: " + missing + ")");
      }
      return model;
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  private static boolean ignored(String name, ModelConfig config) {
    return name.endsWith("rotary_emb.inv_freq")
        || (config.tieWordEmbeddings() && name.equals("lm_head.weight"));
  }

  /** The weight files: the one model.safetensors, or the shards of the index in name order. */
  static List<Path> shards(Path dir) {
    Path index = dir.resolve(INDEX);
    if (Files.isRegularFile(index)) {
      JsonNode map = SafetensorsFile.JSON.readTree(index.toFile()).path("weight_map");
      TreeMap<String, Path> files = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : map.properties()) {
        String file = e.getValue().asString();
        Path shard = dir.resolve(file);
        if (!Files.isRegularFile(shard)) {
          throw new MissingCheckpointFileException(shard, "shard listed in " + INDEX);
        }
        files.put(file, shard);
      }
      return List.copyOf(files.values());
    }
    Path single = dir.resolve(WEIGHTS);
    if (!Files.isRegularFile(single)) {
      throw new MissingCheckpointFileException(single, WEIGHTS + " or " + INDEX);
    }
    return List.of(single);
  }

  /**
   * Saves config.json and model.safetensors with the checkpoint's names, shapes and dtypes (each
   * weight in the dtype it was loaded from); a tied head is not written, as transformers does.
   *
   * @param source the folder the model came from (its config fields and tokenizer files are kept),
   *     or null
   */
  public static void save(DecoderModel model, Path dir, Path source) {
    try {
      Files.createDirectories(dir);
      JsonNode base =
          source != null && Files.isRegularFile(source.resolve(CONFIG))
              ? readConfigJson(source)
              : null;
      Files.writeString(
          dir.resolve(CONFIG),
          SafetensorsFile.JSON
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(HfConfig.write(model.config(), base)));
      Map<String, SafetensorsWriter.Tensor> tensors = new LinkedHashMap<>();
      for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
        StorageDtype dtype = StorageDtype.valueOf(model.storageDtype(e.getKey()));
        NDArray array = e.getValue().getArray();
        tensors.put(
            e.getKey(),
            new SafetensorsWriter.Tensor(dtype, array.getShape().getShape(), dtype.encode(array)));
      }
      SafetensorsWriter.write(dir.resolve(WEIGHTS), tensors);
      Files.deleteIfExists(dir.resolve(INDEX));
      if (source != null && !source.toAbsolutePath().equals(dir.toAbsolutePath())) {
        for (String name : TOKENIZER_FILES) {
          if (Files.isRegularFile(source.resolve(name))) {
            Files.copy(
                source.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    } catch (IOException e) {
      throw new CheckpointException(dir, "cannot save checkpoint", e);
    }
  }
}
