package dev.cogalign.trainer.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cogalign.trainer.*}.
 *
 * @param pipelineUrl base URL of pipeline-service, whose run exports are the training data
 * @param storageDir data snapshots, checkpoints and trained models live under it
 * @param codeVersion recorded with every model; blank means the jar's Implementation-Version
 * @param checkpointEvery a job's checkpoint interval in steps when its hyperparameters set none
 * @param maxRequestBytes request bodies beyond this are refused with 413
 * @param benchmarkDir folder holding {@code gsm8k/test.jsonl} and {@code math500/…} for EVAL jobs
 *     on a benchmark (blank: such jobs are refused)
 * @param worker the job worker of this replica
 * @param modelRoots folders besides {@code storageDir} (always a root) inside which registered
 *     model folders and job base-model folders must lie, after symbolic links are resolved
 * @param maxModelUploadBytes the largest model archive {@code POST /api/v1/models} accepts as
 *     multipart/form-data
 */
@ConfigurationProperties("cogalign.trainer")
public record TrainerProperties(
    String pipelineUrl,
    Path storageDir,
    String codeVersion,
    Integer checkpointEvery,
    Long maxRequestBytes,
    Path benchmarkDir,
    Worker worker,
    List<Path> modelRoots,
    Long maxModelUploadBytes) {

  public static final String DEFAULT_PIPELINE_URL = "http://localhost:8081";
  public static final Path DEFAULT_STORAGE_DIR = Path.of("trainer-data");
  public static final int DEFAULT_CHECKPOINT_EVERY = 50;
  public static final long DEFAULT_MAX_REQUEST_BYTES = 256 * 1024;
  public static final long DEFAULT_MAX_MODEL_UPLOAD_BYTES = 2L * 1024 * 1024 * 1024;
  public static final long MODEL_UPLOAD_OVERHEAD_BYTES = 1024 * 1024;

  public TrainerProperties {
    pipelineUrl = pipelineUrl == null || pipelineUrl.isBlank() ? DEFAULT_PIPELINE_URL : pipelineUrl;
    storageDir = storageDir == null ? DEFAULT_STORAGE_DIR : storageDir;
    checkpointEvery = checkpointEvery == null ? DEFAULT_CHECKPOINT_EVERY : checkpointEvery;
    maxRequestBytes = maxRequestBytes == null ? DEFAULT_MAX_REQUEST_BYTES : maxRequestBytes;
    worker = worker == null ? new Worker(null, null, null, null, null, null) : worker;
    modelRoots = modelRoots == null ? List.of() : List.copyOf(modelRoots);
    maxModelUploadBytes =
        maxModelUploadBytes == null ? DEFAULT_MAX_MODEL_UPLOAD_BYTES : maxModelUploadBytes;
  }

  /** A model upload's whole multipart body: the archive plus room for the envelope and fields. */
  public long maxModelUploadRequestBytes() {
    return maxModelUploadBytes + MODEL_UPLOAD_OVERHEAD_BYTES;
  }

  /** Every model root: the storage folder first, then {@code modelRoots}. */
  public List<Path> allModelRoots() {
    List<Path> all = new ArrayList<>();
    all.add(storageDir);
    all.addAll(modelRoots);
    return all;
  }

  /**
   * @param enabled whether this replica claims jobs
   * @param id the worker's name in leases and events; blank means host name + random suffix
   * @param concurrency jobs run at once (one per GPU)
   * @param pollInterval how often a free worker looks for a job
   * @param leaseDuration how long a claim holds without a heartbeat
   * @param heartbeatInterval how often leases are renewed (well under the lease duration)
   */
  public record Worker(
      Boolean enabled,
      String id,
      Integer concurrency,
      Duration pollInterval,
      Duration leaseDuration,
      Duration heartbeatInterval) {

    public static final int DEFAULT_CONCURRENCY = 1;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(60);
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);

    public Worker {
      enabled = enabled == null || enabled;
      concurrency = concurrency == null ? DEFAULT_CONCURRENCY : concurrency;
      pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
      leaseDuration = leaseDuration == null ? DEFAULT_LEASE_DURATION : leaseDuration;
      heartbeatInterval =
          heartbeatInterval == null ? DEFAULT_HEARTBEAT_INTERVAL : heartbeatInterval;
      if (concurrency < 1) {
        throw new IllegalArgumentException(
            "cogalign.trainer.worker.concurrency " + concurrency + " must be >= 1");
      }
      if (heartbeatInterval.compareTo(leaseDuration) >= 0) {
        throw new IllegalArgumentException(
            "cogalign.trainer.worker.heartbeat-interval "
                + heartbeatInterval
                + " must be shorter than the lease duration "
                + leaseDuration);
      }
    }
  }
}
