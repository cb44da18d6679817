package dev.cogalign.cogpo.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.cogalign.cogpo.model.DecoderModel;

/**
 * The dtype the weights compute in: float32 on a CPU (what the golden parity is measured in),
 * bfloat16 on a GPU, with AdamW keeping float32 master weights so that small updates are not
 * rounded away (see {@link dev.cogalign.cogpo.train.optim.AdamW}).
 *
 * <p>DJL 0.36's PyTorch JNI aborts the JVM on any bfloat16 tensor (measured here: {@code
 * manager.zeros(shape, BFLOAT16)} ends the process with "terminate called without an active
 * exception"), so {@link #apply} refuses bf16 with an explanation instead of crashing, unless
 * {@code -Dcogpo.bf16=true} declares an engine that holds them. AdamW's master-weight path is
 * exercised with float16 parameters, which DJL handles.
 */
public enum TrainingPrecision {
  FLOAT32(DataType.FLOAT32),
  BFLOAT16(DataType.BFLOAT16);

  /** System property that declares the engine able to hold bf16 tensors. */
  public static final String BF16_PROPERTY = "cogpo.bf16";

  private static final boolean BF16_SUPPORTED = Boolean.getBoolean(BF16_PROPERTY);

  private final DataType dataType;

  TrainingPrecision(DataType dataType) {
    this.dataType = dataType;
  }

  public DataType dataType() {
    return dataType;
  }

  /** bf16 on a GPU, float32 elsewhere. */
  public static TrainingPrecision forDevice(Device device) {
    return device.isGpu() ? BFLOAT16 : FLOAT32;
  }

  /**
   * Puts every weight of {@code model} in this precision, in place (each parameter's array keeps
   * its identity and takes the converted tensor through {@code NDArray.intern}; DJL caches the
   * Java-side dtype, so read a weight's dtype from its gradient). A no-op for float32, which models
   * load in.
   */
  public void apply(DecoderModel model) {
    if (this == FLOAT32) {
      return;
    }
    if (this == BFLOAT16 && !BF16_SUPPORTED) {
      throw new TrainException(
          "bf16 training was selected for this GPU, but DJL 0.36's PyTorch JNI aborts the JVM on"
              + " bfloat16 tensors; set -D"
              + BF16_PROPERTY
              + "=true once the engine supports them");
    }
    model
        .namedParameters()
        .values()
        .forEach(
            p -> {
              NDArray array = p.getArray();
              if (array.getDataType() != dataType) {
                boolean trainable = array.hasGradient();
                NDArray converted = array.toType(dataType, true);
                array.intern(converted);
                array.setRequiresGradient(trainable);
              }
            });
  }
}
