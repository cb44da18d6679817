package dev.cogalign.cogpo.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.cogalign.cogpo.SharedFixtures;
import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import dev.cogalign.cogpo.model.DecoderModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs of the loop on the tiny Qwen2 fixture: the four golden pairs as id-form data. */
class TrainingRunTest {

  private static final Path POLICY = SharedFixtures.hfTiny("qwen2-tiny-policy");
  private static final Path REFERENCE = SharedFixtures.hfTiny("qwen2-tiny");

  /** Records every step's metrics and checkpoint. */
  static final class Recorder implements TrainingListener {
    final List<StepMetrics> steps = new ArrayList<>();
    final List<Path> checkpoints = new ArrayList<>();
    int cancelAfter = Integer.MAX_VALUE;

    @Override
    public void onStep(StepMetrics metrics) {
      steps.add(metrics);
    }

    @Override
    public void onCheckpoint(Path checkpoint, int step) {
      checkpoints.add(checkpoint);
    }

    @Override
    public boolean isCancelled() {
      return steps.size() >= cancelAfter;
    }

    List<Double> losses() {
      return steps.stream().map(StepMetrics::loss).toList();
    }
  }

  private static TrainingConfig.Builder cogpo() {
    return TrainingConfig.builder()
        .method(Method.COGPO)
        .learningRate(1e-3)
        .batchSize(2)
        .gradAccumulation(1)
        .warmupSteps(1)
        .seed(7);
  }

  @Test
  void resumingFromAStepThreeCheckpointReproducesTheUninterruptedLossCurve(@TempDir Path dir) {
    Path data = GoldenData.writePairs("qwen2-tiny", dir.resolve("pairs.jsonl"), "ALIGN", "CORRECT");
    Path cache = dir.resolve("cache");
    TrainingConfig config = cogpo().steps(6).checkpointEvery(3).groupByLength(true).build();

    Recorder straight = new Recorder();
    TrainingRun.run(
        TrainingJob.of(POLICY, REFERENCE, data, dir.resolve("straight"), config)
            .withReferenceCache(cache),
        straight);

    Recorder first = new Recorder();
    first.cancelAfter = 3;
    TrainingSummary stopped =
        TrainingRun.run(
            TrainingJob.of(POLICY, REFERENCE, data, dir.resolve("resumed"), config)
                .withReferenceCache(cache),
            first);
    assertThat(stopped.cancelled()).isTrue();
    assertThat(stopped.steps()).isEqualTo(3);
    Path checkpoint = TrainingRun.checkpointDir(dir.resolve("resumed"), 3);
    assertThat(first.checkpoints).containsExactly(checkpoint);

    Recorder second = new Recorder();
    TrainingSummary finished =
        TrainingRun.run(
            TrainingJob.of(POLICY, REFERENCE, data, dir.resolve("resumed"), config)
                .withReferenceCache(cache)
                .resumingFrom(checkpoint),
            second);
    assertThat(finished.steps()).isEqualTo(6);

    List<Double> resumed = new ArrayList<>(first.losses());
    resumed.addAll(second.losses());
    assertThat(straight.losses()).hasSize(6);
    for (int i = 0; i < 6; i++) {
      assertThat(resumed.get(i)).isCloseTo(straight.losses().get(i), within(1e-6));
      assertThat(second.steps.isEmpty() ? 0 : 1).isEqualTo(1);
    }
    assertThat(second.steps.get(0).step()).isEqualTo(4);
    assertThat(second.steps.get(2).get("learning_rate"))
        .isEqualTo(straight.steps.get(5).get("learning_rate"));
  }

  @Test
  void resumingWithAnotherScheduleDataOrDataOrderIsRefusedNamingTheDifference(@TempDir Path dir) {
    Path data = GoldenData.writePairs("qwen2-tiny", dir.resolve("pairs.jsonl"), "ALIGN", "CORRECT");
    Path cache = dir.resolve("cache");
    TrainingConfig config = cogpo().steps(4).checkpointEvery(2).build();
    Recorder first = new Recorder();
    first.cancelAfter = 2;
    TrainingRun.run(
        TrainingJob.of(POLICY, REFERENCE, data, dir.resolve("run"), config)
            .withReferenceCache(cache),
        first);
    Path checkpoint = TrainingRun.checkpointDir(dir.resolve("run"), 2);

    TrainingConfig faster = cogpo().steps(4).checkpointEvery(2).learningRate(5e-3).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                TrainingRun.run(
                    TrainingJob.of(POLICY, REFERENCE, data, dir.resolve("run"), faster)
                        .withReferenceCache(cache)
                        .resumingFrom(checkpoint),
                    new Recorder()))
        .isInstanceOf(TrainException.class)
        .hasMessageContaining("belongs to another run")
        .hasMessageContaining("learning-rate schedule 0.001");

    Path other =
        GoldenData.writePairs("qwen2-tiny", dir.resolve("other.jsonl"), "CORRECT", "ALIGN");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                TrainingRun.run(
                    TrainingJob.of(POLICY, REFERENCE, other, dir.resolve("run"), config)
                        .withReferenceCache(cache)
                        .resumingFrom(checkpoint),
                    new Recorder()))
        .isInstanceOf(TrainException.class)
        .hasMessageContaining("data sha256");

    TrainingConfig grouped = cogpo().steps(4).checkpointEvery(2).groupByLength(true).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                TrainingRun.run(
                    TrainingJob.of(POLICY, REFERENCE, data, dir.resolve("run"), grouped)
                        .withReferenceCache(cache)
                        .resumingFrom(checkpoint),
                    new Recorder()))
        .isInstanceOf(TrainException.class)
        .hasMessageContaining("group by length false (this run: true)");
  }

  private static org.assertj.core.data.Offset<Double> within(double v) {
    return org.assertj.core.data.Offset.offset(v);
  }

  @Test
  void secondRunReadsReferenceLogProbsFromTheCacheAndGetsTheSameLosses(@TempDir Path dir)
      throws Exception {
    Path data = GoldenData.writePairs("qwen2-tiny", dir.resolve("pairs.jsonl"));
    Path cache = dir.resolve("cache");
    TrainingConfig config = cogpo().steps(2).build();

    Recorder a = new Recorder();
    TrainingSummary first =
        TrainingRun.run(
            TrainingJob.of(POLICY, REFERENCE, data, dir.resolve("a"), config)
                .withReferenceCache(cache),
            a);
    assertThat(first.referenceForwardPasses()).isEqualTo(2); // 4 pairs in batches of 2
    Path cacheFile;
    try (var files = Files.list(cache)) {
      cacheFile = files.findFirst().orElseThrow();
    }
    assertThat(Files.readAllLines(cacheFile)).hasSize(4);
    long size = Files.size(cacheFile);

    Recorder b = new Recorder();
    TrainingSummary second =
        TrainingRun.run(
            TrainingJob.of(POLICY, REFERENCE, data, dir.resolve("b"), config)
                .withReferenceCache(cache),
            b);
    assertThat(second.referenceForwardPasses()).isZero();
    assertThat(Files.size(cacheFile)).isEqualTo(size);
    assertThat(b.losses()).isEqualTo(a.losses());
  }

  @Test
  void cogpoTrainingLowersTheLossAndMovesEveryParameter(@TempDir Path dir) {
    Path data = GoldenData.writePairs("qwen2-tiny", dir.resolve("pairs.jsonl"), "ALIGN", "CORRECT");
    Recorder recorder = new Recorder();
    TrainingRun.run(
        TrainingJob.of(
                POLICY,
                REFERENCE,
                data,
                dir.resolve("out"),
                cogpo().steps(8).batchSize(4).warmupSteps(0).learningRate(3e-3).build())
            .withReferenceCache(dir.resolve("cache")),
        recorder);
    List<Double> losses = recorder.losses();
    assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) * 0.5);

    StepMetrics last = recorder.steps.get(recorder.steps.size() - 1);
    assertThat(last.values())
        .containsKeys(
            "loss",
            "grad_norm",
            "learning_rate",
            "rewards/chosen",
            "rewards/rejected",
            "rewards/accuracies",
            "rewards/margins",
            "logps/chosen",
            "logps/rejected",
            "rewards/margins/ALIGN",
            "rewards/margins/CORRECT",
            "tokens_per_second",
            "epoch");
    assertThat(last.get("rewards/accuracies")).isEqualTo(1.0);
    assertThat(last.get("epoch")).isEqualTo(8.0);

    try (NDManager manager = NDManager.newBaseManager();
        DecoderModel before = HfCheckpoint.load(POLICY, manager);
        DecoderModel after = HfCheckpoint.load(dir.resolve("out"), manager)) {
      List<String> unchanged = new ArrayList<>();
      for (Map.Entry<String, Parameter> e : before.namedParameters().entrySet()) {
        NDArray a = e.getValue().getArray();
        NDArray b = after.parameter(e.getKey()).getArray();
        if (a.sub(b).abs().max().getFloat() == 0f) {
          unchanged.add(e.getKey());
        }
      }
      assertThat(unchanged).isEmpty();
    }
    assertThat(dir.resolve("out").resolve(MetricsLog.FILE_NAME)).exists();
  }

  @Test
  void sftOnTextDataInTheChatFormatLowersTheLoss(@TempDir Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    for (String row :
        Files.readAllLines(SharedFixtures.shared().resolve("data/gsm8k/train.jsonl"))
            .subList(0, 4)) {
      var node = SharedFixtures.JSON.readTree(row);
      var line = SharedFixtures.JSON.createObjectNode();
      line.put("prompt", node.path("question").asString());
      line.put("completion", node.path("answer").asString());
      lines.add(SharedFixtures.JSON.writeValueAsString(line));
    }
    Path data = dir.resolve("sft.jsonl");
    Files.write(data, lines);
    Recorder recorder = new Recorder();
    TrainingSummary summary =
        TrainingRun.run(
            TrainingJob.of(
                REFERENCE,
                null,
                data,
                dir.resolve("out"),
                TrainingConfig.builder()
                    .method(Method.SFT)
                    .epochs(6)
                    .batchSize(2)
                    .gradAccumulation(2)
                    .learningRate(3e-3)
                    .maxLength(96)
                    .build()),
            recorder);
    assertThat(summary.steps()).isEqualTo(6);
    assertThat(summary.truncation().truncated()).isPositive();
    List<Double> losses = recorder.losses();
    assertThat(losses.get(5)).isLessThan(losses.get(0) * 0.9);
    assertThat(recorder.steps.get(0).values()).doesNotContainKey("rewards/margins");
  }
}
