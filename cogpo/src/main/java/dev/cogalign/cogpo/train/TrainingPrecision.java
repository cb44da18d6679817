package dev.cogalign.cogpo.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.cogalign.cogpo.model.DecoderModel;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The dtype the weights compute in, chosen per run ({@code fp32|fp16|bf16}, default {@code fp32} on
 * every device). AdamW keeps float32 master weights for half-precision parameters so that small
 * updates are not rounded away (see {@link dev.cogalign.cogpo.train.optim.AdamW}).
 *
 * <p>What the engine can hold decides what may be chosen:
 *
 * <ul>
 *   <li>{@code fp32} everywhere; it is what the golden parity is measured in, and the only
 *       precision this project has trained with (on CPU).
 *   <li>{@code fp16} only on a GPU, where half precision buys speed and memory (on a CPU it would
 *       only cost accuracy). No GPU run of it has been measured: no GPU with a working DJL CUDA
 *       engine was at hand (see docs/deploy.md).
 *   <li>{@code bf16} is refused by the config: DJL 0.36's PyTorch JNI aborts the JVM on any
 *       bfloat16 tensor (measured here: {@code manager.zeros(shape, BFLOAT16)} ends the process
 *       with "terminate called without an active exception"), unless {@code -Dcogpo.bf16=true}
 *       declares an engine that holds them.
 * </ul>
 */
public enum TrainingPrecision {
  FP32(DataType.FLOAT32),
  FP16(DataType.FLOAT16),
  BF16(DataType.BFLOAT16);

  /** System property that declares the engine able to hold bf16 tensors. */
  public static final String BF16_PROPERTY = "cogpo.bf16";

  private final DataType dataType;

  TrainingPrecision(DataType dataType) {
    this.dataType = dataType;
  }

  public DataType dataType() {
    return dataType;
  }

  /** {@code fp32}, {@code fp16} or {@code bf16}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code fp32|fp16|bf16} in any case, failing with the allowed values. */
  public static TrainingPrecision parse(String value) {
    for (TrainingPrecision p : values()) {
      if (p.label().equalsIgnoreCase(value)) {
        return p;
      }
    }
    throw new InvalidTrainingConfigException(
        "precision '" + value + "' is not one of " + allowed());
  }

  /** {@code fp32|fp16|bf16}. */
  public static String allowed() {
    return Arrays.stream(values()).map(TrainingPrecision::label).collect(Collectors.joining("|"));
  }

  /**
   * Why this engine cannot train in this precision on any device, or {@code null} when it can on
   * some device. Checked when a config is built, so a job asking for it is refused up front.
   */
  public String engineRefusal() {
    if (this == BF16 && !Boolean.getBoolean(BF16_PROPERTY)) {
      return "precision bf16: DJL 0.36's PyTorch JNI aborts the JVM on bfloat16 tensors (use fp32,"
          + " or fp16 on a GPU, or set -D"
          + BF16_PROPERTY
          + "=true on an engine that holds them)";
    }
    return null;
  }

  /**
   * Why this precision cannot train on {@code device}, or {@code null} when it can. Checked when a
   * run starts on its device (a job's device is not known when it is submitted).
   */
  public String deviceRefusal(Device device) {
    String engine = engineRefusal();
    if (engine != null) {
      return engine;
    }
    if (this == FP16 && !device.isGpu()) {
      return "precision fp16 needs a GPU (this run's device is " + device + "); use fp32 on a CPU";
    }
    return null;
  }

  /** Fails with {@link #deviceRefusal} when this precision cannot train on {@code device}. */
  public void requireSupportedOn(Device device) {
    String refusal = deviceRefusal(device);
    if (refusal != null) {
      throw new InvalidTrainingConfigException(refusal);
    }
  }

  /**
   * Puts every weight of {@code model} in this precision, in place (each parameter's array keeps
   * its identity and takes the converted tensor through {@code NDArray.intern}; DJL caches the
   * Java-side dtype, so read a weight's dtype from its gradient). A no-op for float32, which models
   * load in. Call {@link #requireSupportedOn} first: bf16 tensors abort the JVM on DJL 0.36.
   */
  public void apply(DecoderModel model) {
    if (this == FP32) {
      return;
    }
    String refusal = engineRefusal();
    if (refusal != null) {
      throw new InvalidTrainingConfigException(refusal);
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
