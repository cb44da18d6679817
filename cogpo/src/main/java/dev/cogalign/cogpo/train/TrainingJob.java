package dev.cogalign.cogpo.train;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a run reads and writes.
 *
 * @param modelDir the Hugging Face folder training starts from (the SFT model for DPO/CogPO)
 * @param referenceDir the frozen reference's folder; {@code null} means {@code modelDir}
 * @param dataFile the JSONL training data
 * @param outDir receives the trained model as a Hugging Face folder, {@code metrics.jsonl} and
 *     {@code checkpoints/checkpoint-<step>/}
 * @param referenceCacheDir where cached reference log-probs live; {@code null} means {@link
 *     #DEFAULT_REFERENCE_CACHE_DIR}
 * @param resumeFrom a checkpoint folder to continue from, or {@code null}
 * @param config the training options
 */
public record TrainingJob(
    Path modelDir,
    Path referenceDir,
    Path dataFile,
    Path outDir,
    Path referenceCacheDir,
    Path resumeFrom,
    TrainingConfig config) {

  /** Shared by runs of one user, like the Hugging Face cache. */
  public static final Path DEFAULT_REFERENCE_CACHE_DIR =
      Path.of(System.getProperty("user.home"), ".cache", "cogalign", "reference-logprobs");

  public TrainingJob {
    Objects.requireNonNull(modelDir, "model folder");
    Objects.requireNonNull(dataFile, "data file");
    Objects.requireNonNull(outDir, "output folder");
    Objects.requireNonNull(config, "training config");
    referenceDir = referenceDir == null ? modelDir : referenceDir;
    referenceCacheDir = referenceCacheDir == null ? DEFAULT_REFERENCE_CACHE_DIR : referenceCacheDir;
  }

  /** A fresh run (no resume) with the default reference cache. */
  public static TrainingJob of(
      Path modelDir, Path referenceDir, Path dataFile, Path outDir, TrainingConfig config) {
    return new TrainingJob(modelDir, referenceDir, dataFile, outDir, null, null, config);
  }

  public TrainingJob withReferenceCache(Path dir) {
    return new TrainingJob(modelDir, referenceDir, dataFile, outDir, dir, resumeFrom, config);
  }

  public TrainingJob resumingFrom(Path checkpoint) {
    return new TrainingJob(
        modelDir, referenceDir, dataFile, outDir, referenceCacheDir, checkpoint, config);
  }
}
