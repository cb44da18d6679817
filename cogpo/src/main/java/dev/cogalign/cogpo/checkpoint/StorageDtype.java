package dev.cogalign.cogpo.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The safetensors dtypes a checkpoint may store weights in. Weights are always float32 in memory;
 * these convert on load and on save. BF16 is converted in Java (DJL 0.36's PyTorch engine cannot
 * create bfloat16 arrays on the CPU); F16 by the engine.
 */
public enum StorageDtype {
  F32(4),
  F16(2),
  BF16(2);

  public static final List<String> SUPPORTED = List.of("F32", "F16", "BF16");

  private final int bytes;

  StorageDtype(int bytes) {
    this.bytes = bytes;
  }

  public int bytes() {
    return bytes;
  }

  /** The dtype of this safetensors name, or null when it is not one we read. */
  public static StorageDtype fromName(String name) {
    for (StorageDtype d : values()) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }

  /** bfloat16 bits to float32: the 16 bits are the float's high half. */
  static void bf16ToF32(ByteBuffer src, ByteBuffer dst, long count) {
    src.order(ByteOrder.LITTLE_ENDIAN);
    dst.order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      dst.putInt(i * 4, (src.getShort(i * 2) & 0xffff) << 16);
    }
  }

  /** float32 to bfloat16 with round-to-nearest-even, as torch does; NaN stays NaN. */
  static short f32ToBf16(float f) {
    int bits = Float.floatToRawIntBits(f);
    if (Float.isNaN(f)) {
      return (short) 0x7fc0;
    }
    int rounding = 0x7fff + ((bits >>> 16) & 1);
    return (short) ((bits + rounding) >>> 16);
  }

  /** The bytes (little-endian) of a float32 array stored as this dtype. */
  ByteBuffer encode(NDArray floats) {
    switch (this) {
      case F32:
        return floats.toType(DataType.FLOAT32, false).toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      case F16:
        try (NDArray half = floats.toType(DataType.FLOAT16, true)) {
          return half.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        }
      default:
        float[] values = floats.toFloatArray();
        ByteBuffer out = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
          out.putShort(f32ToBf16(v));
        }
        out.flip();
        return out;
    }
  }
}
