package dev.cogalign.cogpo.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes a {@code .safetensors} file as transformers reads it (metadata {@code format: pt}). */
public final class SafetensorsWriter {

  /** One tensor to write: its dtype, shape and little-endian bytes. */
  public record Tensor(StorageDtype dtype, long[] shape, ByteBuffer data) {}

  private SafetensorsWriter() {}

  /** Writes the tensors in the map's order. */
  public static void write(Path path, Map<String, Tensor> tensors) {
    ObjectNode header = SafetensorsFile.JSON.createObjectNode();
    header.putObject("__metadata__").put("format", "pt");
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      Tensor t = e.getValue();
      ObjectNode node = header.putObject(e.getKey());
      node.put("dtype", t.dtype().name());
      ArrayNode shape = node.putArray("shape");
      for (long d : t.shape()) {
        shape.add(d);
      }
      long size = t.data().remaining();
      node.putArray("data_offsets").add(offset).add(offset + size);
      offset += size;
    }
    byte[] json = SafetensorsFile.JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    head.putLong(padded).put(json);
    while (head.hasRemaining()) {
      head.put((byte) ' ');
    }
    head.flip();
    try (FileChannel out =
        FileChannel.open(
            path,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      writeFully(out, head);
      for (Tensor t : tensors.values()) {
        writeFully(out, t.data().duplicate());
      }
    } catch (IOException e) {
      throw new CheckpointException(path, "cannot write safetensors file", e);
    }
  }

  private static void writeFully(FileChannel out, ByteBuffer data) throws IOException {
    while (data.hasRemaining()) {
      out.write(data);
    }
  }
}
