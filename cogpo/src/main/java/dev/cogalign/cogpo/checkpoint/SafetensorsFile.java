package dev.cogalign.cogpo.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.cogalign.cogpo.model.TensorMismatchException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code .safetensors} file: an 8-byte little-endian header length, a JSON header naming
 * each tensor's dtype, shape and byte range, then the raw data.
 *
 * <p>Each tensor's bytes are memory-mapped on their own (so files over 2 GiB work) and converted
 * straight into a float32 engine array: the weights never have a second copy on the Java heap.
 */
public final class SafetensorsFile implements AutoCloseable {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long MAX_HEADER = 100L << 20;

  /** One tensor of the header. */
  public record Entry(String name, StorageDtype dtype, Shape shape, long begin, long end) {}

  private final Path path;
  private final FileChannel channel;
  private final long dataStart;
  private final Map<String, Entry> entries;
  private ByteBuffer scratch;

  private SafetensorsFile(Path path, FileChannel channel, long dataStart, Map<String, Entry> e) {
    this.path = path;
    this.channel = channel;
    this.dataStart = dataStart;
    this.entries = e;
  }

  /** Opens and parses the header; fails clearly for a missing or malformed file. */
  public static SafetensorsFile open(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new MissingCheckpointFileException(path, "safetensors file");
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, len, 0);
      long headerLength = len.getLong(0);
      if (headerLength <= 0 || headerLength > MAX_HEADER || 8 + headerLength > channel.size()) {
        throw new CheckpointException(
            path, "not a safetensors file: header length " + headerLength);
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLength);
      readFully(channel, header, 8);
      JsonNode root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
      long dataStart = 8 + headerLength;
      Map<String, Entry> entries = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : root.properties()) {
        if (e.getKey().equals("__metadata__")) {
          continue;
        }
        entries.put(e.getKey(), entry(path, e.getKey(), e.getValue(), channel.size() - dataStart));
      }
      return new SafetensorsFile(path, channel, dataStart, entries);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      if (e instanceof CheckpointException || e instanceof TensorMismatchException) {
        throw (RuntimeException) e;
      }
      throw new CheckpointException(path, "cannot read safetensors header: " + e.getMessage(), e);
    }
  }

  private static Entry entry(Path path, String name, JsonNode node, long dataSize) {
    String dtypeName = node.path("dtype").asString("");
    StorageDtype dtype = StorageDtype.fromName(dtypeName);
    if (dtype == null) {
      throw new TensorMismatchException(
          name, "dtype " + dtypeName + " is not supported; supported: " + StorageDtype.SUPPORTED);
    }
    JsonNode dims = node.path("shape");
    long[] shape = new long[dims.size()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = dims.get(i).asLong();
      count *= shape[i];
    }
    long begin = node.path("data_offsets").path(0).asLong(-1);
    long end = node.path("data_offsets").path(1).asLong(-1);
    if (begin < 0 || end > dataSize || end - begin != count * dtype.bytes()) {
      throw new CheckpointException(
          path,
          "tensor '"
              + name
              + "' has data offsets ["
              + begin
              + ", "
              + end
              + "] inconsistent with its shape");
    }
    return new Entry(name, dtype, new Shape(shape), begin, end);
  }

  public Path path() {
    return path;
  }

  /** Header entries by tensor name, in file order. */
  public Map<String, Entry> entries() {
    return Collections.unmodifiableMap(entries);
  }

  /** The tensor as a float32 array in {@code manager}; the engine owns its memory. */
  public NDArray load(String name, NDManager manager) {
    Entry e = entries.get(name);
    if (e == null) {
      throw new TensorMismatchException(name, "not in " + path);
    }
    long size = e.end() - e.begin();
    if (size > Integer.MAX_VALUE) {
      throw new TensorMismatchException(name, "a single tensor over 2 GiB is not supported");
    }
    MappedByteBuffer mapped;
    try {
      mapped = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin(), size);
    } catch (IOException ex) {
      throw new CheckpointException(path, "cannot map tensor '" + name + "'", ex);
    }
    mapped.order(ByteOrder.LITTLE_ENDIAN);
    long count = e.shape().size();
    switch (e.dtype()) {
      case F32:
        return copyOut(manager.create(mapped, e.shape(), DataType.FLOAT32));
      case F16:
        try (NDArray view = manager.create(mapped, e.shape(), DataType.FLOAT16)) {
          return view.toType(DataType.FLOAT32, false);
        }
      default:
        ByteBuffer floats = scratch(count * 4);
        StorageDtype.bf16ToF32(mapped, floats, count);
        return copyOut(manager.create(floats, e.shape(), DataType.FLOAT32));
    }
  }

  /**
   * The engine array aliases the buffer it was made from; take an owned copy and drop the alias.
   */
  private static NDArray copyOut(NDArray view) {
    try (view) {
      return view.duplicate();
    }
  }

  private ByteBuffer scratch(long bytes) {
    if (scratch == null || scratch.capacity() < bytes) {
      scratch = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
    ByteBuffer view = scratch.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    view.clear().limit((int) bytes);
    return view.slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void readFully(FileChannel channel, ByteBuffer into, long position)
      throws IOException {
    long pos = position;
    while (into.hasRemaining()) {
      int n = channel.read(into, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
      pos += n;
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing
      }
    }
  }

  @Override
  public void close() {
    closeQuietly(channel);
  }
}
