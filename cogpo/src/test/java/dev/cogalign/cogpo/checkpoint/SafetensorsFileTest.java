package dev.cogalign.cogpo.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.model.TensorMismatchException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {

  @Test
  void readsATensorLyingBeyondTwoGibibytesThroughAMapping(@TempDir Path dir) throws Exception {
    long big = 2_400_000_000L; // a sparse hole: no disk or memory is used for it
    String header =
        "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"big\":{\"dtype\":\"F32\",\"shape\":[600000000],\"data_offsets\":[0,"
            + big
            + "]},"
            + "\"small\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":["
            + big
            + ","
            + (big + 12)
            + "]}}";
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("huge.safetensors");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length);
      raf.write(head.array());
      raf.write(json);
      raf.seek(8 + json.length + big);
      ByteBuffer data = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
      data.putFloat(1.5f).putFloat(-2f).putFloat(3.25f);
      raf.write(data.array());
    }
    assertThat(Files.size(file)).isGreaterThan(big);
    try (NDManager manager = NDManager.newBaseManager();
        SafetensorsFile st = SafetensorsFile.open(file)) {
      NDArray small = st.load("small", manager);
      assertThat(small.toFloatArray()).containsExactly(1.5f, -2f, 3.25f);
      assertThatThrownBy(() -> st.load("big", manager))
          .isInstanceOf(TensorMismatchException.class)
          .hasMessageContaining("'big'")
          .hasMessageContaining("2 GiB");
    }
  }

  @Test
  void writesAndReadsBackEveryStorageDtype(@TempDir Path dir) {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray values = manager.create(new float[] {0.5f, -1.25f, 3f, 1024f}).reshape(2, 2);
      Map<String, SafetensorsWriter.Tensor> tensors = new LinkedHashMap<>();
      for (StorageDtype d : StorageDtype.values()) {
        tensors.put("t." + d, new SafetensorsWriter.Tensor(d, new long[] {2, 2}, d.encode(values)));
      }
      Path file = dir.resolve("all.safetensors");
      SafetensorsWriter.write(file, tensors);
      try (SafetensorsFile st = SafetensorsFile.open(file)) {
        for (StorageDtype d : StorageDtype.values()) {
          assertThat(st.entries().get("t." + d).dtype()).isEqualTo(d);
          assertThat(st.load("t." + d, manager).toFloatArray())
              .containsExactly(0.5f, -1.25f, 3f, 1024f);
        }
      }
    }
  }

  @Test
  void rejectsAFileThatIsNotSafetensors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.safetensors");
    Files.writeString(file, "definitely not a safetensors file");
    assertThatThrownBy(() -> SafetensorsFile.open(file))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("bad.safetensors");
  }
}
