package dev.cogalign.cogpo.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.cogalign.cogpo.SharedFixtures;
import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import dev.cogalign.cogpo.model.DecoderModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingPrecisionTest {

  private static TrainingConfig.Builder sft() {
    return TrainingConfig.builder().method(Method.SFT).steps(1);
  }

  @Test
  void fp32IsTheDefaultAndTrainsOnCpuAndGpuAlike() {
    assertThat(sft().build().precision()).isEqualTo(TrainingPrecision.FP32);
    assertThat(TrainingPrecision.FP32.deviceRefusal(Device.gpu())).isNull();
    assertThat(TrainingPrecision.FP32.deviceRefusal(Device.cpu())).isNull();
  }

  @Test
  void aConfigStoredBeforePrecisionExistedReadsAsFp32() {
    assertThat(sft().precision(null).build().precision()).isEqualTo(TrainingPrecision.FP32);
  }

  @Test
  void parsesTheThreeLabelsInAnyCaseAndListsThemForAnythingElse() {
    assertThat(TrainingPrecision.parse("fp32")).isEqualTo(TrainingPrecision.FP32);
    assertThat(TrainingPrecision.parse("FP16")).isEqualTo(TrainingPrecision.FP16);
    assertThat(TrainingPrecision.parse("Bf16")).isEqualTo(TrainingPrecision.BF16);
    assertThatThrownBy(() -> TrainingPrecision.parse("float8"))
        .isInstanceOf(InvalidTrainingConfigException.class)
        .hasMessage("precision 'float8' is not one of fp32|fp16|bf16");
  }

  @Test
  void fp16IsForAGpuAndRefusedOnACpuNamingTheDevice() {
    assertThat(TrainingPrecision.FP16.deviceRefusal(Device.gpu())).isNull();
    assertThat(TrainingPrecision.FP16.deviceRefusal(Device.cpu()))
        .startsWith("precision fp16 needs a GPU (this run's device is cpu()");
    assertThat(sft().precision(TrainingPrecision.FP16).build().precision())
        .isEqualTo(TrainingPrecision.FP16);
  }

  @Test
  void bf16IsRefusedWhenTheConfigIsBuiltBecauseDjlAbortsOnBf16Tensors() {
    assertThatThrownBy(() -> sft().precision(TrainingPrecision.BF16).build())
        .isInstanceOf(InvalidTrainingConfigException.class)
        .hasMessageContaining("precision bf16: DJL 0.36's PyTorch JNI aborts the JVM")
        .hasMessageContaining("use fp32");
    assertThat(TrainingPrecision.BF16.deviceRefusal(Device.gpu())).contains("aborts the JVM");
  }

  @Test
  void bf16IsRefusedWithTheReasonInsteadOfAbortingTheJvm() {
    try (NDManager manager = NDManager.newBaseManager();
        DecoderModel model = HfCheckpoint.load(SharedFixtures.hfTiny("qwen2-tiny"), manager)) {
      assertThatThrownBy(() -> TrainingPrecision.BF16.apply(model))
          .isInstanceOf(TrainException.class)
          .hasMessageContaining("aborts the JVM on bfloat16 tensors");
    }
  }

  @Test
  void fp16RoundsEveryWeightInPlaceAndKeepsItTrainable() {
    try (NDManager manager = NDManager.newBaseManager();
        DecoderModel model = HfCheckpoint.load(SharedFixtures.hfTiny("qwen2-tiny"), manager)) {
      model.setTrainable(true);
      Map<String, float[]> before = new LinkedHashMap<>();
      model.namedParameters().forEach((name, p) -> before.put(name, p.getArray().toFloatArray()));

      TrainingPrecision.FP16.apply(model);

      model
          .namedParameters()
          .forEach(
              (name, p) -> {
                NDArray array = p.getArray();
                assertThat(array.hasGradient()).as(name).isTrue();
                float[] after = array.toType(DataType.FLOAT32, true).toFloatArray();
                float[] original = before.get(name);
                boolean rounded = false;
                for (int i = 0; i < original.length; i++) {
                  // float16 keeps 11 significant bits: a relative error of at most 2^-11
                  assertThat(after[i])
                      .as(name)
                      .isCloseTo(original[i], within(Math.abs(original[i]) / 2048f + 1e-7f));
                  rounded |= after[i] != original[i];
                }
                assertThat(rounded).as(name + " was rounded to float16").isTrue();
              });
    }
  }

  @Test
  void anFp16RunOnTheCpuIsRefusedBeforeItReadsAnything(@TempDir Path dir) {
    Path missingData = dir.resolve("no-such-file.jsonl");
    TrainingConfig config = sft().precision(TrainingPrecision.FP16).build();
    TrainingJob job =
        TrainingJob.of(
            SharedFixtures.hfTiny("qwen2-tiny"), null, missingData, dir.resolve("out"), config);

    assertThatThrownBy(() -> TrainingRun.run(job, new TrainingRunTest.Recorder()))
        .isInstanceOf(InvalidTrainingConfigException.class)
        .hasMessageStartingWith("precision fp16 needs a GPU");
    assertThat(Files.exists(dir.resolve("out"))).isFalse();
  }
}
