package dev.cogalign.trainer.job;

/**
 * A job's options; unset ones take the engine's defaults ({@code TrainingConfig.DEFAULT_*}) and,
 * for {@code checkpointEvery}, {@code cogalign.trainer.checkpoint-every}. The EVAL fields are
 * {@code maxNewTokens}, {@code batchSize}, {@code limit} and {@code promptFormat}; {@code
 * keepCheckpoints} (default {@value #DEFAULT_KEEP_CHECKPOINTS}) is the trainer's.
 */
public record Hyperparameters(
    Integer steps,
    Integer epochs,
    Double learningRate,
    Integer batchSize,
    Integer gradAccumulation,
    String optimizer,
    Double weightDecay,
    Integer warmupSteps,
    Double maxGradNorm,
    Integer maxLength,
    Double beta,
    Double labelSmoothing,
    Double nllWeight,
    Long seed,
    Integer checkpointEvery,
    String referenceMode,
    String promptFormat,
    String precision,
    Integer maxNewTokens,
    Integer limit,
    Integer keepCheckpoints,
    Boolean groupByLength) {

  /** Checkpoints a training job keeps on disk (the newest), besides its final model. */
  public static final int DEFAULT_KEEP_CHECKPOINTS = 2;

  public static Hyperparameters none() {
    return new Hyperparameters(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null);
  }
}
