package dev.cogalign.trainer.worker;

import dev.cogalign.trainer.error.TrainerException;

/** Thrown inside an evaluation to stop it early (cancel, shutdown or lost lease). */
class JobStoppedException extends TrainerException {
  JobStoppedException(long id) {
    super("job " + id + " stopped");
  }
}
