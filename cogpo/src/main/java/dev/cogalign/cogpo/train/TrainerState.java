package dev.cogalign.cogpo.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The position of a run, saved in every checkpoint as {@code trainer_state.json}: steps taken, the
 * data position (epoch and index into that epoch's seeded order) and the seed that orders every
 * epoch, which together are the run's whole random state.
 *
 * @param step optimizer steps taken
 * @param epoch the current epoch (0-based)
 * @param position examples of the current epoch already consumed
 * @param seed the shuffle seed
 * @param totalSteps the run's planned steps (sets the learning-rate schedule)
 * @param examples the number of examples the run was planned on
 * @param identity the method, schedule, betas and data the run trains with (null in checkpoints
 *     written before it was recorded)
 */
public record TrainerState(
    int step,
    int epoch,
    int position,
    long seed,
    int totalSteps,
    int examples,
    RunIdentity identity) {

  static final String FILE_NAME = "trainer_state.json";

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  void write(Path dir) {
    try {
      Files.writeString(
          dir.resolve(FILE_NAME), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(FILE_NAME), e);
    }
  }

  static TrainerState read(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new TrainException("checkpoint " + dir + " has no " + FILE_NAME);
    }
    return JSON.readValue(file.toFile(), TrainerState.class);
  }
}
