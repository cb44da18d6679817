package dev.cogalign.cogpo.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.cogalign.cogpo.model.DecoderModel;
import dev.cogalign.cogpo.model.ModelConfig;
import dev.cogalign.cogpo.model.RopeConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A llama2.c checkpoint ({@code run.c}'s legacy format): seven int32 (dim, hidden_dim, n_layers,
 * n_heads, n_kv_heads, vocab_size, seq_len; a negative vocab_size means an unshared classifier),
 * then float32 weights in llama2.c order, each matrix as (out, in).
 *
 * <p>llama2.c rotates interleaved pairs (x0, x1), (x2, x3), ...; the model rotates halves. As
 * transformers' conversion script does, the rows of wq and wk are permuted at load time so that the
 * halves form hold the same pairs: {@code view(heads, D/2, 2, C).transpose(1, 2)}.
 */
public final class Llama2cCheckpoint {

  /** llama2.c's RMSNorm epsilon and rotary base. */
  public static final double RMS_NORM_EPS = 1e-5;

  public static final double ROPE_THETA = 10000.0;
  private static final int HEADER_BYTES = 7 * 4;

  private Llama2cCheckpoint() {}

  /** The config in the file's header. */
  public static ModelConfig readConfig(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new MissingCheckpointFileException(file, "llama2.c checkpoint");
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      channel.read(header, 0);
      header.flip();
      int dim = header.getInt();
      int hidden = header.getInt();
      int layers = header.getInt();
      int heads = header.getInt();
      int kvHeads = header.getInt();
      int vocab = header.getInt();
      int seqLen = header.getInt();
      return ModelConfig.builder()
          .architecture(ModelConfig.LLAMA)
          .vocabSize(Math.abs(vocab))
          .hiddenSize(dim)
          .intermediateSize(hidden)
          .numLayers(layers)
          .numHeads(heads)
          .numKvHeads(kvHeads)
          .rmsNormEps(RMS_NORM_EPS)
          .rope(RopeConfig.standard(ROPE_THETA))
          .tieWordEmbeddings(vocab > 0)
          .maxPositionEmbeddings(seqLen)
          .build();
    } catch (IOException | RuntimeException e) {
      if (e instanceof CheckpointException) {
        throw (CheckpointException) e;
      }
      throw new CheckpointException(file, "not a llama2.c checkpoint: " + e.getMessage(), e);
    }
  }

  /** Loads the weights into a new model in a sub-manager of {@code parent}. */
  public static DecoderModel load(Path file, NDManager parent) {
    ModelConfig c = readConfig(file);
    DecoderModel model = DecoderModel.create(c, parent);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        NDManager scratch = model.manager().newSubManager()) {
      Reader r = new Reader(channel, scratch);
      int layers = c.numLayers();
      int dim = c.hiddenSize();
      int qDim = c.numHeads() * c.headDim();
      int kvDim = c.numKvHeads() * c.headDim();
      int hidden = c.intermediateSize();
      set(model, "model.embed_tokens.weight", r.next(c.vocabSize(), dim));
      perLayer(model, "input_layernorm.weight", r.next(layers, dim));
      perLayerPermuted(model, "self_attn.q_proj.weight", r.next(layers, qDim, dim), c.numHeads());
      perLayerPermuted(
          model, "self_attn.k_proj.weight", r.next(layers, kvDim, dim), c.numKvHeads());
      perLayer(model, "self_attn.v_proj.weight", r.next(layers, kvDim, dim));
      perLayer(model, "self_attn.o_proj.weight", r.next(layers, dim, qDim));
      perLayer(model, "post_attention_layernorm.weight", r.next(layers, dim));
      perLayer(model, "mlp.gate_proj.weight", r.next(layers, hidden, dim));
      perLayer(model, "mlp.down_proj.weight", r.next(layers, dim, hidden));
      perLayer(model, "mlp.up_proj.weight", r.next(layers, hidden, dim));
      set(model, "model.norm.weight", r.next(dim));
      r.skip(2L * c.maxPositionEmbeddings() * (c.headDim() / 2)); // freq_cis_real, freq_cis_imag
      if (!c.tieWordEmbeddings()) {
        set(model, "lm_head.weight", r.next(c.vocabSize(), dim));
      }
      return model;
    } catch (IOException | RuntimeException e) {
      model.close();
      if (e instanceof RuntimeException && !(e instanceof IndexOutOfBoundsException)) {
        throw (RuntimeException) e;
      }
      throw new CheckpointException(file, "truncated or unreadable llama2.c checkpoint", e);
    }
  }

  private static void set(DecoderModel model, String name, NDArray view) {
    model.setWeight(name, view.duplicate(), StorageDtype.F32.name());
  }

  private static void perLayer(DecoderModel model, String name, NDArray stacked) {
    for (int i = 0; i < model.config().numLayers(); i++) {
      set(model, "model.layers." + i + "." + name, stacked.get(i));
    }
  }

  private static void perLayerPermuted(
      DecoderModel model, String name, NDArray stacked, int heads) {
    for (int i = 0; i < model.config().numLayers(); i++) {
      NDArray w = stacked.get(i); // (heads * D, C)
      long rows = w.getShape().get(0);
      long cols = w.getShape().get(1);
      NDArray permuted =
          w.reshape(heads, rows / heads / 2, 2, cols) // (heads, D/2, 2, C)
              .transpose(0, 2, 1, 3) // (heads, 2, D/2, C)
              .reshape(rows, cols); // (heads * D, C)
      set(model, "model.layers." + i + "." + name, permuted);
    }
  }

  /** Maps consecutive float32 blocks of the file as engine arrays (views, copied by set). */
  private static final class Reader {
    private final FileChannel channel;
    private final NDManager manager;
    private long offset = HEADER_BYTES;

    Reader(FileChannel channel, NDManager manager) {
      this.channel = channel;
      this.manager = manager;
    }

    NDArray next(long... shape) throws IOException {
      long bytes = new Shape(shape).size() * 4;
      if (offset + bytes > channel.size()) {
        throw new IndexOutOfBoundsException("file ends before " + (offset + bytes) + " bytes");
      }
      MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, offset, bytes);
      mapped.order(ByteOrder.LITTLE_ENDIAN);
      offset += bytes;
      return manager.create(mapped, new Shape(shape), DataType.FLOAT32);
    }

    void skip(long floats) {
      offset += floats * 4;
    }
  }
}
