package dev.cogalign.cogpo.model;

import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.CogpoException;
import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import dev.cogalign.cogpo.checkpoint.HfConfig;
import dev.cogalign.cogpo.checkpoint.ModelBundle;
import dev.cogalign.cogpo.tokenizer.CharTokenizerFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A freshly initialized Qwen2-shaped student with the character tokenizer ({@link
 * CharTokenizerFiles}), written as a complete Hugging Face folder, as the miniature experiment's
 * prototype builds it (reference/crv-miniature/common.py): tied embeddings, q/k/v bias, matrices
 * from N(0, 0.02) except {@code o_proj} and {@code down_proj} from N(0, 0.02 / sqrt(2 L)), norms at
 * one, biases at zero.
 *
 * <p>The weights are drawn from one {@link java.util.Random} seeded with {@code seed}, tensor after
 * tensor in checkpoint order, so a seed gives bitwise the same folder on every machine and JVM,
 * whatever else seeded the engine.
 */
public final class ScratchStudent {

  /** RoPE base, as the prototype. */
  public static final double DEFAULT_ROPE_THETA = 10_000;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ScratchStudent() {}

  /**
   * The student's size.
   *
   * @param layers L decoder blocks
   * @param hidden C, the residual width
   * @param heads H query heads (C / H is the head dim, which must be even)
   * @param kvHeads K key/value heads (H a multiple of K)
   * @param intermediate F, the SwiGLU width
   */
  public record Shape(int layers, int hidden, int heads, int kvHeads, int intermediate) {

    /** The prototype's student: 4 layers, width 96, 4 heads over 2 key/value heads, MLP 256. */
    public static final Shape DEFAULT = new Shape(4, 96, 4, 2, 256);

    public Shape {
      positive("layers", layers);
      positive("hidden size", hidden);
      positive("heads", heads);
      positive("key/value heads", kvHeads);
      positive("intermediate size", intermediate);
      if (hidden % heads != 0) {
        throw new CogpoException(
            "hidden size " + hidden + " is not divisible by " + heads + " heads");
      }
      if (heads % kvHeads != 0) {
        throw new CogpoException(
            heads + " heads are not a multiple of " + kvHeads + " key/value heads");
      }
      if ((hidden / heads) % 2 != 0) {
        throw new CogpoException(
            "head dim "
                + hidden / heads
                + " (hidden "
                + hidden
                + " / "
                + heads
                + " heads) is odd;"
                + " rotary embeddings need pairs");
      }
    }

    private static void positive(String what, int value) {
      if (value <= 0) {
        throw new CogpoException(what + " must be positive, got " + value);
      }
    }
  }

  /** The model config of a student of this shape (vocabulary: the character tokenizer's). */
  public static ModelConfig config(Shape shape) {
    return ModelConfig.builder()
        .architecture(ModelConfig.QWEN2)
        .vocabSize(CharTokenizerFiles.vocabSize())
        .hiddenSize(shape.hidden())
        .intermediateSize(shape.intermediate())
        .numLayers(shape.layers())
        .numHeads(shape.heads())
        .numKvHeads(shape.kvHeads())
        .rmsNormEps(ModelConfig.DEFAULT_RMS_NORM_EPS)
        .rope(RopeConfig.standard(DEFAULT_ROPE_THETA))
        .tieWordEmbeddings(true)
        .maxPositionEmbeddings(CharTokenizerFiles.DEFAULT_MODEL_MAX_LENGTH)
        .build();
  }

  /**
   * Writes config.json, generation_config.json, the tokenizer files and model.safetensors into
   * {@code dir} (created if needed; files of the same names are replaced).
   *
   * @return {@code dir}
   */
  public static Path create(Path dir, Shape shape, long seed) {
    ModelConfig config = config(shape);
    try {
      Files.createDirectories(dir);
      CharTokenizerFiles.write(dir);
      ObjectNode base = HfConfig.write(config, null);
      base.put("bos_token_id", CharTokenizerFiles.BOS_ID);
      base.put("eos_token_id", CharTokenizerFiles.EOS_ID);
      base.put("pad_token_id", CharTokenizerFiles.PAD_ID);
      Files.writeString(dir.resolve(HfCheckpoint.CONFIG), JSON.writeValueAsString(base));
      ObjectNode generation = JSON.createObjectNode();
      generation.put("bos_token_id", CharTokenizerFiles.BOS_ID);
      generation.put("eos_token_id", CharTokenizerFiles.EOS_ID);
      generation.put("pad_token_id", CharTokenizerFiles.PAD_ID);
      Files.writeString(
          dir.resolve(ModelBundle.GENERATION_CONFIG),
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(generation));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the scratch student to " + dir, e);
    }
    try (NDManager manager = NDManager.newBaseManager();
        DecoderModel model = DecoderModel.create(config, manager)) {
      initialize(model, seed);
      HfCheckpoint.save(model, dir, dir); // over the config just written, keeping its token ids
    }
    return dir;
  }

  /** The prototype's initialization, drawn from {@code new Random(seed)} in checkpoint order. */
  static void initialize(DecoderModel model, long seed) {
    Random random = new Random(seed);
    float std = DecoderModel.DEFAULT_INIT_STD;
    float residualStd = (float) (std / Math.sqrt(2.0 * model.config().numLayers()));
    for (String name : model.namedParameters().keySet()) {
      ai.djl.ndarray.types.Shape shape = model.expectedShape(name); // DJL's, not ours
      float[] values = new float[Math.toIntExact(shape.size())];
      if (name.endsWith("norm.weight")) {
        Arrays.fill(values, 1f);
      } else if (!name.endsWith(".bias")) {
        float s =
            name.endsWith("o_proj.weight") || name.endsWith("down_proj.weight") ? residualStd : std;
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (random.nextGaussian() * s);
        }
      }
      model.setWeight(
          name, model.manager().create(values, shape), DecoderModel.DEFAULT_STORAGE_DTYPE);
    }
  }
}
