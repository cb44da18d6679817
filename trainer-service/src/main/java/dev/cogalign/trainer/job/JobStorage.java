package dev.cogalign.trainer.job;

import dev.cogalign.trainer.config.TrainerProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * A job's folder, {@code <storage-dir>/jobs/<id>}: each attempt's checkpoints and the trained
 * model. Keeps the newest checkpoints only and tells how much the folder holds.
 */
@Component
public class JobStorage {
  public static final String JOBS_DIR = "jobs";

  private final Path root;

  JobStorage(TrainerProperties properties) {
    this.root = properties.storageDir().resolve(JOBS_DIR).toAbsolutePath();
  }

  public Path jobDir(long jobId) {
    return root.resolve(String.valueOf(jobId));
  }

  /** Bytes of every file under the job's folder (0 when it has none yet). */
  public long diskBytes(long jobId) {
    Path dir = jobDir(jobId);
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(JobStorage::size).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0; // a checkpoint being deleted while walked: the next view counts again
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Deletes all but the newest {@code keep} checkpoint folders ({@code checkpoint-<step>}) of a
   * checkpoints folder; the final model beside them is never touched.
   */
  public static void retain(Path checkpointsDir, int keep) {
    if (!Files.isDirectory(checkpointsDir)) {
      return;
    }
    try (Stream<Path> dirs = Files.list(checkpointsDir)) {
      List<Path> old =
          dirs.filter(d -> d.getFileName().toString().startsWith("checkpoint-"))
              .sorted(Comparator.comparingInt(JobStorage::step).reversed())
              .skip(keep)
              .toList();
      for (Path dir : old) {
        deleteTree(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prune checkpoints in " + checkpointsDir, e);
    }
  }

  private static int step(Path checkpoint) {
    try {
      return Integer.parseInt(
          checkpoint.getFileName().toString().substring("checkpoint-".length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
