package dev.cogalign.cogpo.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.SharedFixtures;
import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import dev.cogalign.cogpo.model.DecoderModel;
import org.junit.jupiter.api.Test;

class TrainingPrecisionTest {

  @Test
  void gpuTrainsInBf16AndCpuInFloat32() {
    assertThat(TrainingPrecision.forDevice(Device.gpu())).isEqualTo(TrainingPrecision.BFLOAT16);
    assertThat(TrainingPrecision.forDevice(Device.cpu())).isEqualTo(TrainingPrecision.FLOAT32);
  }

  @Test
  void bf16IsRefusedWithTheReasonInsteadOfAbortingTheJvm() {
    try (NDManager manager = NDManager.newBaseManager();
        DecoderModel model = HfCheckpoint.load(SharedFixtures.hfTiny("qwen2-tiny"), manager)) {
      assertThatThrownBy(() -> TrainingPrecision.BFLOAT16.apply(model))
          .isInstanceOf(TrainException.class)
          .hasMessageContaining("aborts the JVM on bfloat16 tensors");
    }
  }
}
