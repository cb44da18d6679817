package dev.cogalign.cogpo.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import dev.cogalign.cogpo.SharedFixtures;
import dev.cogalign.cogpo.model.NoGrad;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyTorch's grad mode is per thread: off on the thread that loaded the engine, on everywhere else.
 * Training and inference must not depend on which thread calls them.
 */
class TrainingOnAnyThreadTest {

  private static final Path POLICY = SharedFixtures.hfTiny("qwen2-tiny-policy");
  private static final Path REFERENCE = SharedFixtures.hfTiny("qwen2-tiny");

  /** What a fresh thread saw and produced. */
  private record FreshThreadOutcome(
      boolean recordingBefore, boolean recordingAfter, TrainingRunTest.Recorder steps) {}

  @Test
  void adamWRunOnAFreshThreadTrainsExactlyAsOnTheEngineThreadAndRestoresItsGradMode(
      @TempDir Path dir) throws Exception {
    Engine.getInstance(); // the engine is loaded on this thread, as in a service's main thread
    Path data = GoldenData.writePairs("qwen2-tiny", dir.resolve("pairs.jsonl"));
    TrainingConfig config =
        TrainingConfig.builder()
            .method(Method.COGPO)
            .optimizer(OptimizerKind.ADAMW)
            .learningRate(1e-3)
            .batchSize(2)
            .steps(2)
            .maxGradNorm(1.0)
            .referenceMode(ReferenceMode.FROZEN)
            .seed(7)
            .build();

    TrainingRunTest.Recorder here = new TrainingRunTest.Recorder();
    TrainingRun.run(TrainingJob.of(POLICY, REFERENCE, data, dir.resolve("here"), config), here);

    ExecutorService fresh = Executors.newSingleThreadExecutor();
    try {
      Future<FreshThreadOutcome> outcome =
          fresh.submit(
              () -> {
                boolean before = NoGrad.isRecording();
                TrainingRunTest.Recorder there = new TrainingRunTest.Recorder();
                TrainingRun.run(
                    TrainingJob.of(POLICY, REFERENCE, data, dir.resolve("there"), config), there);
                return new FreshThreadOutcome(before, NoGrad.isRecording(), there);
              });
      FreshThreadOutcome there = outcome.get(2, TimeUnit.MINUTES);

      assertThat(there.recordingBefore())
          .as("a fresh thread starts with grad mode on (the case under test)")
          .isTrue();
      assertThat(there.steps().losses()).hasSize(2).isEqualTo(here.losses());
      assertThat(there.steps().steps.get(1).get("grad_norm"))
          .isEqualTo(here.steps.get(1).get("grad_norm"));
      assertThat(there.recordingAfter()).as("the thread's grad mode is restored").isTrue();
    } finally {
      fresh.shutdown();
      assertThat(fresh.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }
  }

  @Test
  void noGradScopeTurnsRecordingOffOnItsThreadAndRestoresIt() throws Exception {
    Engine.getInstance();
    ExecutorService fresh = Executors.newSingleThreadExecutor();
    try {
      boolean[] seen =
          fresh
              .submit(
                  () -> {
                    boolean before = NoGrad.isRecording();
                    boolean inside;
                    try (NoGrad ignored = NoGrad.enter()) {
                      inside = NoGrad.isRecording();
                    }
                    return new boolean[] {before, inside, NoGrad.isRecording()};
                  })
              .get(1, TimeUnit.MINUTES);
      assertThat(seen).containsExactly(true, false, true);
    } finally {
      fresh.shutdown();
      assertThat(fresh.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }
  }
}
